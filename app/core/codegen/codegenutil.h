#pragma once

#include "core/codegen/snippet.h"
#include "core/request.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

// Pieces every code generator needs: what exactly goes on the wire, in a form that is easy to
// turn into code.
namespace ferry::codegen {

// True when bytes is well-formed UTF-8 (no overlong forms, no surrogates, nothing past
// U+10FFFF), so it can be shown as text without losing a byte.
bool isValidUtf8(QByteArrayView bytes);

// The URL as Ferry's client puts it on the wire: parsed leniently the way QUrl does (a space
// becomes %20, braces become %7B/%7D, %41 becomes A) and without the fragment, which is never
// sent. Snippets use this form so every language's library sends the very same target.
QString wireUrl(const Request &request);

// The headers with repeated names (compared case-insensitively) joined into the first one,
// values separated by ", " ("; " for Cookie). For libraries that keep one value per name;
// HTTP defines the joined form as equivalent for every header except Set-Cookie, which
// requests do not carry.
QList<WireHeader> joinRepeatedHeaders(const QList<WireHeader> &headers);

// True when some header name appears more than once (case-insensitively).
bool hasRepeatedHeaders(const QList<WireHeader> &headers);

// How joinRepeatedHeaders separates values, for a comment in a snippet: "\", \"", followed by
// "(\"; \" for Cookie)" when Cookie is among the repeated headers.
QString joinSeparatorNote(const QList<WireHeader> &headers);

// True when headers has one named name (case-insensitively).
bool containsHeader(const QList<WireHeader> &headers, QByteArrayView name);

// The spaces for one level of nesting; the option is kept within 0..16.
QString indentUnit(const SnippetOptions &options);

// True for the methods after which libraries refuse or drop a body (GET, HEAD).
bool isBodylessMethod(QByteArrayView method);

// How many bytes the UTF-8 sequence that starts with lead claims to have; 1 for ASCII and for
// bytes that cannot start a sequence.
int utf8SequenceLength(uchar lead);

// A hex byte as two upper-case digits.
QString hexByte(uchar byte);

// The escape that C-family string literals (JavaScript, Python, ...) share for a character
// that must not appear raw: \n, \r, \t, and \xNN for other C0 and C1 controls and DEL.
// Returns nothing for characters that may stand as they are.
QString controlCharEscape(char32_t c);

} // namespace ferry::codegen
