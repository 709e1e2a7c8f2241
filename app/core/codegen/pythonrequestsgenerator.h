#pragma once

#include "core/codegen/snippet.h"

#include <QByteArrayView>
#include <QString>
#include <QStringView>

namespace ferry::codegen {

// Python with the requests package.
class PythonRequestsGenerator final : public Generator {
public:
    TargetInfo info() const override;
    QString generate(const Request &request, const SnippetOptions &options) const override;
};

namespace python {

// A one-line str literal: double quotes, or single quotes when the text has double quotes but
// no single ones. Backslashes, the quote and control characters are escaped.
QString stringLiteral(QStringView text);

// A """ str literal with real line breaks, for multi-line bodies. A carriage return, which
// Python would read as a line feed, is escaped, and so is any quote that could end the
// literal early.
QString tripleQuotedLiteral(QStringView text);

// A bytes literal (b"...") for bodies that are not UTF-8: printable ASCII as is, every other
// byte as \xHH.
QString bytesLiteral(QByteArrayView bytes);

} // namespace python

} // namespace ferry::codegen
