#pragma once

#include "core/codegen/snippet.h"

#include <QByteArrayView>
#include <QString>
#include <QStringView>

// JavaScript literals and the fetch() call shared by the browser and Node.js targets.
namespace ferry::codegen::js {

// A double-quoted string literal for text. Quotes, backslashes and control characters are
// escaped; other characters, emoji included, stay as they are.
QString stringLiteral(QStringView text);

// A double-quoted literal whose characters are the given bytes, one character per byte. This
// is what fetch and XMLHttpRequest expect for header values: they send each character below
// U+0100 as one byte, so UTF-8 text arrives as the same UTF-8 bytes.
QString byteStringLiteral(QByteArrayView bytes);

// A template literal (backticks) for a body: real line breaks stay, so JSON reads as written;
// `, \ and ${ are escaped, and so is a carriage return, which template literals would turn
// into a line feed.
QString templateLiteral(QStringView text);

// new Uint8Array([0x.., ...]) with 12 bytes a line, for bodies that are not text.
QString uint8ArrayLiteral(QByteArrayView bytes, const QString &indent, int level);

// True for headers that a browser does not let a script set (Cookie, Host, Sec-*, ...).
bool isBrowserControlledHeader(QByteArrayView name);

// True for headers that Node's fetch refuses outright (Connection, Expect, ...).
bool isRefusedByNodeFetch(QByteArrayView name);

enum class Runtime { Browser, Node };

// The fetch() snippet for a browser or for Node.js 18+.
QString fetchSnippet(const Request &request, const SnippetOptions &options, Runtime runtime);

} // namespace ferry::codegen::js
