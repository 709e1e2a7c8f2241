#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace ferry::json {

// A body turned into UTF-8 for the formatter and the views, with a note for the user when the
// bytes were not plain UTF-8.
struct DecodedText {
    QByteArray utf8;
    // Empty for UTF-8 (a byte order mark is dropped silently). Otherwise, for example,
    // "UTF-16 LE body shown as UTF-8" or "invalid UTF-8 at byte 17 of the body".
    QString note;
};

// The encodings decodeToUtf8() tells apart.
enum class TextEncoding { Utf8, Utf16LE, Utf16BE, Utf32LE, Utf32BE };

// Which encoding body is in: a byte order mark decides; without one, the pattern of zero bytes
// at the start does, since a JSON text begins with an ASCII character (RFC 4627, section 3).
// Anything else is taken as UTF-8.
TextEncoding detectEncoding(QByteArrayView body);

// How many bytes of body, from the start, are a byte order mark of that encoding (0 if none).
qsizetype byteOrderMarkLength(QByteArrayView body, TextEncoding encoding);

// Converts UTF-16 and UTF-32 bodies to UTF-8 (an invalid sequence becomes U+FFFD and the note
// says so) and drops any byte order mark. UTF-8 is passed through unchanged apart from its
// byte order mark; when it is not valid, the note names the byte offset in body of the first
// bad sequence, so the user can find it.
DecodedText decodeToUtf8(QByteArrayView body);

// The byte offset of the first sequence in text that is not valid UTF-8 (overlong forms,
// surrogates and values beyond U+10FFFF included), or -1 when all of it is valid.
qsizetype firstInvalidUtf8(QByteArrayView text);

} // namespace ferry::json
