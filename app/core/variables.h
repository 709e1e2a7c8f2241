#pragma once

#include "core/request.h"

#include <QHash>
#include <QString>
#include <QStringList>

namespace ferry {

// Values for {{name}} placeholders. Built-in names start with '$' ({{$echo}} is the base URL
// of Ferry's echo server); users' names will come from environments.
using Variables = QHash<QString, QString>;

// The name of the variable that holds the echo server's base URL, e.g. http://127.0.0.1:40123
inline constexpr QStringView kEchoVariable = u"$echo";

// Replaces every {{name}} whose name is known; unknown placeholders stay as they are.
QString substituteVariables(const QString &text, const Variables &variables);

// The names of all {{name}} placeholders in text, in order of first appearance.
QStringList referencedVariables(const QString &text);

// True when the request uses the variable anywhere (URL, headers, token, body).
bool requestReferences(const Request &request, QStringView name);

// The request with variables substituted in the URL, header names and values, the token and
// the body.
Request resolveVariables(const Request &request, const Variables &variables);

} // namespace ferry
