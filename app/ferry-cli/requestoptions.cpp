#include "requestoptions.h"

#include <QFile>

namespace ferry::cli {

void addRequestOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        {{QStringLiteral("X"), QStringLiteral("request")},
         QStringLiteral("The method: GET, POST, ... or any token (default GET, or POST when a "
                        "body is given)."),
         QStringLiteral("METHOD")},
        {{QStringLiteral("H"), QStringLiteral("header")},
         QStringLiteral("A header 'Name: value'; repeat for more. Sent in the given order."),
         QStringLiteral("HEADER")},
        {QStringLiteral("bearer"), QStringLiteral("Sends 'Authorization: Bearer TOKEN'."),
         QStringLiteral("TOKEN")},
        {{QStringLiteral("d"), QStringLiteral("data")},
         QStringLiteral("The body, as given; @FILE reads it from FILE. Repeated, the parts are "
                        "joined with '&'."),
         QStringLiteral("DATA")},
        {QStringLiteral("data-binary"),
         QStringLiteral("The body, byte for byte; @FILE reads it from FILE, @- from standard "
                        "input."),
         QStringLiteral("DATA")},
        {QStringLiteral("content-type"),
         QStringLiteral("The body's Content-Type when no -H sets one (default "
                        "application/json for a body that is JSON, else "
                        "application/x-www-form-urlencoded for -d, "
                        "application/octet-stream for --data-binary)."),
         QStringLiteral("TYPE")},
    });
    parser.addPositionalArgument(QStringLiteral("url"), QStringLiteral("The URL to request."));
}

// Reads "@FILE" (or "@-" for standard input) or returns the text itself.
static Result<QByteArray> readData(const QString &value, const QString &option)
{
    if (!value.startsWith(u'@'))
        return value.toUtf8();

    const QString path = value.mid(1);
    QFile file;
    bool opened = false;
    if (path == QStringLiteral("-"))
        opened = file.open(stdin, QIODevice::ReadOnly);
    else {
        file.setFileName(path);
        opened = file.open(QIODevice::ReadOnly);
    }
    if (!opened)
        return Error{
            QStringLiteral("%1: cannot read '%2': %3").arg(option, path, file.errorString())};
    return file.readAll();
}

static bool isJsonText(const QByteArray &body)
{
    const QByteArray trimmed = body.trimmed();
    return trimmed.startsWith('{') || trimmed.startsWith('[');
}

Result<Request> requestFromOptions(const QCommandLineParser &parser)
{
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        return Error{QStringLiteral("no URL given")};
    if (positional.size() > 1)
        return Error{QStringLiteral("more than one URL given: %1")
                         .arg(positional.join(QStringLiteral(" ")))};

    Request request;
    request.url = positional.first();

    for (const QString &header : parser.values(QStringLiteral("H"))) {
        const qsizetype colon = header.indexOf(u':');
        if (colon <= 0)
            return Error{QStringLiteral("-H '%1': expected 'Name: value'").arg(header)};
        QString value = header.mid(colon + 1);
        if (value.startsWith(u' '))
            value.remove(0, 1);
        request.headers.append({header.left(colon), value, true});
    }

    if (parser.isSet(QStringLiteral("bearer"))) {
        request.auth.kind = AuthKind::Bearer;
        request.auth.token = parser.value(QStringLiteral("bearer"));
    }

    const bool textData = parser.isSet(QStringLiteral("d"));
    const bool binaryData = parser.isSet(QStringLiteral("data-binary"));
    if (textData && binaryData)
        return Error{QStringLiteral("give the body with either -d or --data-binary, not both")};
    if (textData || binaryData) {
        const QString option = textData ? QStringLiteral("-d") : QStringLiteral("--data-binary");
        // Repeated data options are joined with '&', as curl does, so -d a=1 -d b=2 sends a
        // form of two fields.
        const QStringList values =
            parser.values(textData ? QStringLiteral("d") : QStringLiteral("data-binary"));
        for (const QString &value : values) {
            Result<QByteArray> data = readData(value, option);
            if (!data)
                return data.error();
            if (!request.body.isEmpty())
                request.body += '&';
            request.body += data.value();
        }
        if (parser.isSet(QStringLiteral("content-type")))
            request.contentType = parser.value(QStringLiteral("content-type"));
        else if (isJsonText(request.body))
            request.contentType = QStringLiteral("application/json");
        else
            request.contentType = textData ? QStringLiteral("application/x-www-form-urlencoded")
                                           : QStringLiteral("application/octet-stream");
    }

    if (parser.isSet(QStringLiteral("X")))
        request.method = parser.value(QStringLiteral("X"));
    else if (request.hasBody())
        request.method = QStringLiteral("POST");
    return request;
}

} // namespace ferry::cli
