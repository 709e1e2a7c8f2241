#pragma once

#include "core/request.h"
#include "core/result.h"

#include <QCommandLineParser>

// The curl-like options that describe a request, shared by `send` and `snippet`:
// -X METHOD, -H 'Name: value' (repeatable), --bearer TOKEN, -d DATA, --data-binary @FILE, URL.
namespace ferry::cli {

void addRequestOptions(QCommandLineParser &parser);

// Builds the request from parsed options, or an error naming the option that was wrong.
Result<Request> requestFromOptions(const QCommandLineParser &parser);

} // namespace ferry::cli
