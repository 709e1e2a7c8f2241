#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

namespace ferry::json {

struct FormatOptions {
    int indent = 2; // spaces per level; 0 with minify
    bool minify = false;
};

// Where and why the text stopped being valid JSON.
struct SyntaxError {
    qint64 offset = 0; // byte offset of the first bad byte
    int line = 1;      // 1-based
    int column = 1;    // 1-based, counted in characters (UTF-8 code points)
    QString reason;    // e.g. "expected ',' or '}' after an object member"

    // "line 3, column 14: expected ..."
    QString describe() const;
};

struct FormatOutcome {
    QByteArray text;                    // the formatted text, complete only when !error
    std::optional<SyntaxError> error;   // the first error, when the input is not valid JSON
};

// Pretty-prints (or minifies) JSON text without building a DOM and without converting
// numbers: keys keep their order (duplicates included) and every number and string keeps its
// exact text. Works iteratively, so nesting depth is limited only by memory.
FormatOutcome format(QByteArrayView input, const FormatOptions &options = {});

// The first syntax error in input, or nothing when it is valid JSON.
std::optional<SyntaxError> validate(QByteArrayView input);

// True when a response body should be treated as JSON: a JSON media type in contentType
// (application/json, application/problem+json, anything ending in +json) or, failing that,
// a body whose first non-whitespace byte is '{' or '['.
bool looksLikeJson(QByteArrayView contentType, QByteArrayView body);

} // namespace ferry::json
