#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

namespace ferry::json {

// The widest indentation offered; wider requests are narrowed to it.
inline constexpr int kMaxIndent = 16;

// Indentation stops growing at this depth: pretty-printing 100,000 nested arrays would otherwise
// turn a few hundred kilobytes into gigabytes of spaces. Deeper levels still get their own lines.
inline constexpr int kMaxIndentedDepth = 128;

struct FormatOptions {
    int indent = 2;      // spaces per level, 0..kMaxIndent; 0 puts each value on its own line
    bool minify = false; // no whitespace at all; indent is then ignored
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
    QByteArray text;                  // the formatted text, complete only when !error
    std::optional<SyntaxError> error; // the first error, when the input is not valid JSON
};

// Pretty-prints (or minifies) JSON text without building a DOM and without converting
// numbers: keys keep their order (duplicates included) and every number and string keeps its
// exact text. Works iteratively, so nesting depth is limited only by memory. A UTF-8 byte
// order mark at the start is dropped. The text has no trailing line break.
// For text that arrives in chunks, use Formatter (core/json/formatter.h).
FormatOutcome format(QByteArrayView input, const FormatOptions &options = {});

// Like format(), but the members of every object, at every depth, are sorted by key. Keys are
// compared byte by byte on their decoded UTF-8 text (escapes resolved), which is code point
// order; members with equal keys keep their original order, so duplicates all stay. Numbers,
// strings and keys keep their exact text. The whole document is held in memory as byte spans
// into input; nothing recurses, so any nesting depth works.
FormatOutcome formatSorted(QByteArrayView input, const FormatOptions &options = {});

// The first syntax error in input, or nothing when it is valid JSON.
std::optional<SyntaxError> validate(QByteArrayView input);

// True when a response body should be treated as JSON: a JSON media type in contentType
// (application/json, text/json, application/problem+json, anything ending in +json, with or
// without parameters such as "; charset=utf-8") or, when the content type says nothing
// definite (missing, text/plain, application/octet-stream, ...), a body whose first
// non-whitespace byte after an optional byte order mark is '{' or '['. A content type that
// clearly names another format (HTML, XML, JavaScript, NDJSON, images, ...) is never JSON.
bool looksLikeJson(QByteArrayView contentType, QByteArrayView body);

} // namespace ferry::json
