#include "commands.h"
#include "requestoptions.h"

#include "core/json/jsonformatter.h"
#include "net/httpclient.h"
#include "net/responsesummary.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QFile>
#include <QTextStream>

#include <cmath>

namespace ferry::cli {

namespace {

const char kExitCodes[] = R"(
Exit codes:
  0  an HTTP response arrived, whatever its status code
  2  usage: unknown option, missing argument or unreadable file
  3  the request was refused before sending (bad URL, header or token)
  4  connection refused, host not found or another network failure
  5  the TLS handshake failed or the certificate was not accepted
  6  no complete answer before the deadline (--max-time)
)";

int fail(int code, const QString &message)
{
    QTextStream(stderr) << "ferry-cli: " << message << '\n';
    return code;
}

int exitCodeFor(FailureKind failure)
{
    switch (failure) {
    case FailureKind::None:
        return ExitOk;
    case FailureKind::InvalidRequest:
        return ExitInvalidRequest;
    case FailureKind::Tls:
        return ExitTls;
    case FailureKind::Timeout:
        return ExitTimeout;
    case FailureKind::ConnectionRefused:
    case FailureKind::HostNotFound:
    case FailureKind::Canceled:
    case FailureKind::Network:
        return ExitNetwork;
    }
    return ExitNetwork;
}

// The status line, the headers, a blank line and the body, as curl -i prints them. A JSON body
// is pretty-printed unless --raw asks for the bytes as they came.
QByteArray render(const Response &response, bool raw, bool includeHead)
{
    QByteArray out;
    if (includeHead) {
        out = response.httpVersion.toLatin1() + ' ' + QByteArray::number(response.statusCode);
        if (!response.reason.isEmpty())
            out += ' ' + response.reason.toUtf8();
        out += '\n';
        for (const WireHeader &header : response.headers)
            out += header.name + ": " + header.value + '\n';
        out += '\n';
    }

    if (!raw && json::looksLikeJson(response.header("Content-Type"), response.body)) {
        const json::FormatOutcome formatted = json::format(response.body);
        if (!formatted.error) {
            out += formatted.text;
            if (!out.endsWith('\n'))
                out += '\n';
            return out;
        }
        // Announced as JSON but not valid: show what came, untouched.
    }
    out += response.body;
    return out;
}

// What -v prints to stderr: the same sections as the window's details. Cookie values are left
// out, as stderr often ends up in logs; they are in the Set-Cookie headers of the response.
QString verboseDetails(const Response &response)
{
    QString text;
    QTextStream out(&text);
    const auto section = [&out](const QString &title, const QList<DetailLine> &lines) {
        out << "* " << title << '\n';
        for (const DetailLine &line : lines) {
            const QStringList valueLines = line.value.split(u'\n');
            out << "*   " << line.label << ": " << valueLines.first() << '\n';
            for (qsizetype i = 1; i < valueLines.size(); ++i)
                out << "*       " << valueLines.at(i) << '\n';
        }
    };
    section(QStringLiteral("General"), generalDetails(response));
    section(QStringLiteral("Sizes"), sizeDetails(response));
    section(QStringLiteral("Timing"), timingDetails(response));
    section(QStringLiteral("TLS"), tlsDetails(response));

    out << "* Redirects: " << response.redirects.size() << '\n';
    for (qsizetype i = 0; i < response.redirects.size(); ++i) {
        const RedirectHop &hop = response.redirects.at(i);
        out << "*   " << (i + 1) << ". " << hop.statusCode << " -> " << hop.location << '\n';
    }
    out << "* Cookies: " << response.cookies.size() << '\n';
    for (const ResponseCookie &cookie : response.cookies) {
        out << "*   " << cookie.name << " (value hidden, " << cookie.value.size()
            << " characters); domain "
            << (cookie.domain.isEmpty() ? QStringLiteral("(this host)") : cookie.domain)
            << "; path " << (cookie.path.isEmpty() ? QStringLiteral("(default)") : cookie.path)
            << "; expires " << cookieExpiryText(cookie);
        const QString flags = cookieFlagsText(cookie);
        if (!flags.isEmpty())
            out << "; " << flags;
        out << '\n';
    }
    out.flush();
    return text;
}

} // namespace

int runSend(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Send one request and print the status line, the response headers, a "
                       "blank line and the body (JSON is pretty-printed)."));
    const QCommandLineOption helpOption({QStringLiteral("h"), QStringLiteral("help")},
                                        QStringLiteral("Show this help."));
    parser.addOption(helpOption);
    addRequestOptions(parser);

    const QCommandLineOption cacertOption(
        QStringLiteral("cacert"),
        QStringLiteral("Also trust the CA certificate(s) in FILE (PEM or DER) for this request, "
                       "besides the system's."),
        QStringLiteral("FILE"));
    const QCommandLineOption insecureOption(
        {QStringLiteral("k"), QStringLiteral("insecure")},
        QStringLiteral("Do not verify the server's certificate (for this request only)."));
    const QCommandLineOption maxTimeOption(
        QStringLiteral("max-time"),
        QStringLiteral("Give up when no complete answer arrived after SECONDS (decimals allowed; "
                       "default 30)."),
        QStringLiteral("SECONDS"));
    const QCommandLineOption includeOption(
        {QStringLiteral("i"), QStringLiteral("include")},
        QStringLiteral("Print the status line and headers before the body (the default)."));
    const QCommandLineOption rawOption(
        QStringLiteral("raw"),
        QStringLiteral("Print the body as it came, without formatting JSON."));
    const QCommandLineOption bodyOnlyOption(
        QStringLiteral("body-only"),
        QStringLiteral("Print only the body, for piping into other tools."));
    const QCommandLineOption verboseOption(
        {QStringLiteral("v"), QStringLiteral("verbose")},
        QStringLiteral("Also print the response's details to standard error: remote address, "
                       "final URL, sizes, timing, TLS protocol, cipher and certificates, "
                       "redirects followed and cookies set (their values are not shown)."));
    parser.addOptions({cacertOption, insecureOption, maxTimeOption, includeOption, rawOption,
                       bodyOnlyOption, verboseOption});

    if (!parser.parse(arguments))
        return fail(ExitUsage, parser.errorText());
    if (parser.isSet(helpOption)) {
        // QCommandLineParser names the executable's path; name the command instead.
        QString help = parser.helpText();
        help.replace(0, help.indexOf(u'\n'),
                     QStringLiteral("Usage: %1 [options] url").arg(arguments.value(0)));
        QTextStream(stdout) << help << kExitCodes;
        return ExitOk;
    }

    if (parser.isSet(includeOption) && parser.isSet(bodyOnlyOption))
        return fail(ExitUsage, QStringLiteral("give either -i/--include or --body-only, not both"));

    Result<Request> request = requestFromOptions(parser);
    if (!request)
        return fail(ExitUsage, request.error().message);

    SendOptions options;
    options.insecure = parser.isSet(insecureOption);
    if (parser.isSet(cacertOption)) {
        const Result<QList<QSslCertificate>> cas = loadCaCertificates(parser.value(cacertOption));
        if (!cas)
            return fail(ExitUsage, QStringLiteral("--cacert: %1").arg(cas.error().message));
        options.extraCaCertificates = cas.value();
    }
    if (parser.isSet(maxTimeOption)) {
        bool ok = false;
        const double seconds = parser.value(maxTimeOption).toDouble(&ok);
        if (!ok || !std::isfinite(seconds) || seconds <= 0 || seconds > 24 * 3600)
            return fail(ExitUsage, QStringLiteral("--max-time '%1': expected a number of seconds "
                                                  "greater than 0 (such as 2 or 0.5)")
                                       .arg(parser.value(maxTimeOption)));
        options.timeoutMs = qMax(1, int(std::lround(seconds * 1000)));
    }

    HttpClient client;
    Response response;
    QEventLoop loop;
    QObject::connect(&client, &HttpClient::finished, &loop,
                     [&response, &loop](quint64, const Response &answer) {
                         response = answer;
                         loop.quit();
                     });
    client.send(request.value(), options);
    loop.exec();

    if (parser.isSet(verboseOption))
        QTextStream(stderr) << verboseDetails(response);

    if (!response.succeeded()) {
        QString message = response.failureMessage;
        if (response.failure == FailureKind::Tls && !response.tlsProblems.isEmpty())
            message += QStringLiteral("\n(--cacert FILE trusts the CA that signed it; -k skips "
                                      "verification for this request.)");
        return fail(exitCodeFor(response.failure), message);
    }

    if (!response.tlsProblems.isEmpty()) {
        // -k was given and mattered: the user still learns what was skipped.
        QTextStream err(stderr);
        err << "ferry-cli: warning: certificate verification is off; ignored:\n";
        for (const TlsProblem &problem : std::as_const(response.tlsProblems))
            err << "  " << problem.message << '\n';
    }

    QFile out;
    if (!out.open(stdout, QIODevice::WriteOnly))
        return fail(ExitUsage, QStringLiteral("cannot write to standard output"));
    out.write(render(response, parser.isSet(rawOption), !parser.isSet(bodyOnlyOption)));
    out.flush();
    return ExitOk;
}

} // namespace ferry::cli
