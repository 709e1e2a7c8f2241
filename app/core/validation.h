#pragma once

#include "core/request.h"

#include <QList>
#include <QString>

namespace ferry {

// Which part of the request a problem belongs to, so the UI can show it at that field.
enum class RequestField { Method, Url, HeaderName, HeaderValue, Token, ContentType };

struct FieldProblem {
    RequestField field = RequestField::Url;
    int row = -1;    // the header row for HeaderName/HeaderValue, else -1
    QString message; // what is wrong, in words a user understands

    bool operator==(const FieldProblem &) const = default;
};

// Everything that would make the request unsafe or impossible to send: an empty or malformed
// URL, an unsupported scheme, a method that is not an HTTP token, a header name that is not a
// token (spaces, colons), and a CR or LF anywhere in a header, the token or the URL. Nothing is
// sent while this list is not empty. Variables must be resolved before validating.
QList<FieldProblem> validateRequest(const Request &request);

} // namespace ferry
