// `ferry-cli send -v` end to end: the real executable prints a response's details to stderr,
// against a real server on 127.0.0.1.
#include "clirunner.h"
#include "testserver.h"

#include <QTest>

using ferry::test::CannedResponse;
using ferry::test::TestServer;
using ferry::test::TlsFixture;

namespace {

using Run = ferry::test::CliRun;

Run runSend(const QStringList &arguments)
{
    return ferry::test::runCli(QStringList{QStringLiteral("send")} + arguments, {}, 30'000);
}

} // namespace

class tst_CliSendVerbose final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void verbosePrintsDetailsAfterARedirect();
    void verboseOverHttpsNamesProtocolAndCipher();
    void withoutVerboseStderrStaysQuiet();
    void helpListsVerbose();
};

void tst_CliSendVerbose::verbosePrintsDetailsAfterARedirect()
{
    TestServer server;
    QVERIFY(server.listen());
    server.setResponse("/old", {301, {{"Location", "/new"}}, {}, {}});
    server.setResponse("/new", {200,
                                {{"Content-Type", "text/plain"},
                                 {"Set-Cookie", "session=top-secret-value; Path=/; HttpOnly"}},
                                "hello",
                                {}});

    const Run run = runSend({QStringLiteral("-v"), server.url(QStringLiteral("/old")).toString()});

    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY(run.out.endsWith("hello"));
    const QString err = QString::fromUtf8(run.err);
    const QString port = QString::number(server.port());
    for (const QString &expected :
         {QStringLiteral("Status: 200 OK"), QStringLiteral("Remote address: 127.0.0.1:") + port,
          QStringLiteral("Final URL: http://127.0.0.1:%1/new").arg(port),
          QStringLiteral("Body decoded: 5 bytes"), QStringLiteral("First byte: "),
          QStringLiteral("Encryption: none (plain HTTP)"), QStringLiteral("Redirects: 1"),
          QStringLiteral("1. 301 -> http://127.0.0.1:%1/new").arg(port),
          QStringLiteral("Cookies: 1"), QStringLiteral("session (value hidden")})
        QVERIFY2(err.contains(expected), qPrintable(expected + QStringLiteral("\n") + err));
    // stderr often ends up in logs: the cookie's value is not there.
    QVERIFY2(!err.contains(QStringLiteral("top-secret-value")), qPrintable(err));
}

void tst_CliSendVerbose::verboseOverHttpsNamesProtocolAndCipher()
{
    const TlsFixture tls = TlsFixture::load();
    QVERIFY(tls.isComplete());
    TestServer server;
    QVERIFY(server.listenTls(tls.server, tls.serverKey));

    const Run run = runSend({QStringLiteral("--verbose"), QStringLiteral("--cacert"),
                             TlsFixture::caPath(), server.url().toString()});

    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    const QString err = QString::fromUtf8(run.err);
    QVERIFY2(err.contains(QStringLiteral("Protocol: TLS 1.")), qPrintable(err));
    QVERIFY(err.contains(QStringLiteral("Cipher: ")));
    QVERIFY(err.contains(QStringLiteral("Certificate 1: Subject: CN=127.0.0.1")));
    QVERIFY(err.contains(QStringLiteral("TLS handshake done: ")));
}

void tst_CliSendVerbose::withoutVerboseStderrStaysQuiet()
{
    TestServer server;
    QVERIFY(server.listen());

    const Run run = runSend({server.url().toString()});

    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY2(run.err.isEmpty(), qPrintable(describe(run)));
}

void tst_CliSendVerbose::helpListsVerbose()
{
    const Run run = runSend({QStringLiteral("--help")});

    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY(run.out.contains("-v, --verbose"));
}

QTEST_GUILESS_MAIN(tst_CliSendVerbose)
#include "tst_cli_send_verbose.moc"
