#include "core/codegen/jquerygenerator.h"

#include "core/codegen/codegenutil.h"
#include "core/codegen/javascript.h"

#include <QStringList>

namespace ferry::codegen {

TargetInfo JQueryGenerator::info() const
{
    return {QStringLiteral("js-jquery"), QStringLiteral("JavaScript jQuery AJAX"),
            QStringLiteral("javascript"), QStringLiteral("js")};
}

QString JQueryGenerator::generate(const Request &request, const SnippetOptions &options) const
{
    const QString unit = indentUnit(options);
    const QByteArray method = request.wireMethod();
    const QList<WireHeader> wireHeaders = request.wireHeaders();
    QString out;

    if (method != method.toUpper())
        out += QStringLiteral("// jQuery sends the method in upper case.\n");

    QStringList controlled;
    for (const WireHeader &header : wireHeaders) {
        if (js::isBrowserControlledHeader(header.name))
            controlled << QString::fromLatin1(header.name);
    }
    if (!controlled.isEmpty())
        out += QStringLiteral("// The browser sets these itself and ignores the script's values: "
                              "%1.\n")
                   .arg(controlled.join(QStringLiteral(", ")));

    // jQuery would append a GET or HEAD body to the URL as a query string.
    const bool sendsBody = request.hasBody() && !isBodylessMethod(method);
    if (request.hasBody() && !sendsBody)
        out += QStringLiteral("// jQuery cannot send a body with %1, so the body is left out.\n")
                   .arg(QString::fromLatin1(method));

    out += QStringLiteral("const settings = {\n");
    out += unit + QStringLiteral("url: %1,\n").arg(js::stringLiteral(wireUrl(request)));
    out += unit + QStringLiteral("method: %1,\n").arg(js::byteStringLiteral(method));

    if (!wireHeaders.isEmpty()) {
        // An object has one value per key, so repeated headers are joined the way HTTP allows.
        if (hasRepeatedHeaders(wireHeaders))
            out += unit
                   + QStringLiteral("// Repeated headers are joined into one, values separated "
                                    "by %1.\n")
                         .arg(joinSeparatorNote(wireHeaders));
        out += unit + QStringLiteral("headers: {\n");
        for (const WireHeader &header : joinRepeatedHeaders(wireHeaders))
            out +=
                unit + unit
                + QStringLiteral("%1: %2,\n")
                      .arg(js::byteStringLiteral(header.name), js::byteStringLiteral(header.value));
        out += unit + QStringLiteral("},\n");
    }

    if (sendsBody) {
        const QString body = isValidUtf8(request.body)
                                 ? js::templateLiteral(QString::fromUtf8(request.body))
                                 : js::uint8ArrayLiteral(request.body, unit, 1);
        out += unit + QStringLiteral("data: %1,\n").arg(body);
        // Send the body as it is, not form-encoded.
        out += unit + QStringLiteral("processData: false,\n");
        // Without a Content-Type header jQuery would add a form type of its own.
        if (!containsHeader(wireHeaders, "Content-Type"))
            out += unit + QStringLiteral("contentType: false,\n");
    }
    out += QStringLiteral("};\n\n");

    out += QStringLiteral("$.ajax(settings).done((response) => {\n");
    out += unit + QStringLiteral("console.log(response);\n");
    out += QStringLiteral("});\n");
    return out;
}

} // namespace ferry::codegen
