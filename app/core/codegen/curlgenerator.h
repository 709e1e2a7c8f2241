#pragma once

#include "core/codegen/snippet.h"

#include <QByteArrayView>
#include <QString>

namespace ferry::codegen {

// cURL on a bash or zsh command line, one option per line.
class CurlGenerator final : public Generator {
public:
    TargetInfo info() const override;
    QString generate(const Request &request, const SnippetOptions &options) const override;
};

// One shell word that stands for exactly these bytes (bytes must not contain NUL, which no
// command argument can hold). Plain text goes in single quotes, where nothing ($, `, \, !)
// is special; text with control characters or bytes that are not UTF-8 uses ANSI-C quoting,
// $'...', with \n, \t, \r and \xHH escapes, which bash and zsh both understand.
QString shellQuoted(QByteArrayView bytes);

// A printf format, in single quotes, that prints exactly these bytes, NUL included: octal
// escapes for control and non-ASCII bytes, %% for %.
QString printfFormat(QByteArrayView bytes);

} // namespace ferry::codegen
