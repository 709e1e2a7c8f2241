// `ferry-cli send` end to end: the real executable against real servers on 127.0.0.1.
#include "clirunner.h"
#include "testserver.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using ferry::test::CannedResponse;
using ferry::test::ReceivedRequest;
using ferry::test::TestServer;
using ferry::test::TlsFixture;

namespace {

using Run = ferry::test::CliRun;

Run runSend(const QStringList &arguments)
{
    return ferry::test::runCli(QStringList{QStringLiteral("send")} + arguments, {}, 30'000);
}

} // namespace

class tst_CliSend final : public QObject {
    Q_OBJECT

private:
    TlsFixture m_tls;

private Q_SLOTS:
    void initTestCase();
    void getWithBearerAndHeadersPrintsTheWholeAnswer();
    void postJsonData();
    void dataBinaryFromFileIsSentByteForByte();
    void customMethodAndErrorStatusStillExitZero();
    void nonJsonBodyIsPrintedAsIs();
    void cacertTrustsTheTestCaOverHttps();
    void untrustedCertificateExitsFiveWithTheReason();
    void insecureAcceptsTheUntrustedCertificate();
    void repeatedDataIsJoinedLikeCurl();
    void bodyOnlyPrintsJustTheBody();
    void httpsToAPlainHttpPortIsATlsFailure();
    void connectionClosedMidBodyIsIncomplete();
    void connectionRefusedExitsFour();
    void invalidUrlExitsThree();
    void silentServerExitsSixAfterMaxTime();
    void badOptionsExitTwo();
    void helpListsEveryOption();
};

void tst_CliSend::initTestCase()
{
    m_tls = TlsFixture::load();
    QVERIFY2(m_tls.isComplete(), "the certificates under tests/data/tls did not load");
    QVERIFY2(QFile::exists(QStringLiteral(FERRY_CLI_PATH)), FERRY_CLI_PATH);
}

void tst_CliSend::getWithBearerAndHeadersPrintsTheWholeAnswer()
{
    TestServer server;
    QVERIFY(server.listen());
    server.setResponse({200,
                        {{"Content-Type", "application/json"}, {"X-Served-By", "test"}},
                        R"({"ok":true,"items":[1,2]})",
                        {}});

    const Run run =
        runSend({QStringLiteral("--bearer"), QStringLiteral("cli-token"), QStringLiteral("-H"),
                 QStringLiteral("X-One: 1"), QStringLiteral("-H"), QStringLiteral("X-Two:2"),
                 server.url(QStringLiteral("/items?page=2")).toString()});

    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY2(run.out.startsWith("HTTP/1.1 200 OK\n"), qPrintable(describe(run)));
    QVERIFY(run.out.contains("\nContent-Type: application/json\n"));
    QVERIFY(run.out.contains("\nX-Served-By: test\n"));
    // Headers, one blank line, then the body pretty-printed.
    QVERIFY2(run.out.contains("\n\n{\n  \"ok\": true,\n"), qPrintable(describe(run)));
    QVERIFY(run.out.endsWith("}\n"));
    QVERIFY(run.err.isEmpty());

    QCOMPARE(server.received().size(), 1);
    const ReceivedRequest &received = server.received().first();
    QCOMPARE(received.method, QByteArray("GET"));
    QCOMPARE(received.target, QByteArray("/items?page=2"));
    QCOMPARE(received.header("Authorization"), QByteArray("Bearer cli-token"));
    QCOMPARE(received.header("X-One"), QByteArray("1"));
    QCOMPARE(received.header("X-Two"), QByteArray("2"));
}

void tst_CliSend::postJsonData()
{
    TestServer server;
    QVERIFY(server.listen());
    const QByteArray body = R"({"name":"Zoë","n":1})";

    const Run run = runSend({QStringLiteral("-d"), QString::fromUtf8(body),
                             server.url(QStringLiteral("/users")).toString()});

    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QCOMPARE(server.received().size(), 1);
    const ReceivedRequest &received = server.received().first();
    QCOMPARE(received.method, QByteArray("POST"));
    QCOMPARE(received.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(received.body, body);
}

void tst_CliSend::dataBinaryFromFileIsSentByteForByte()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QByteArray bytes("\x00\x01\xff\r\n\xfe text\n", 12);
    QFile file(dir.filePath(QStringLiteral("payload.bin")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
    file.close();

    TestServer server;
    QVERIFY(server.listen());
    const Run run =
        runSend({QStringLiteral("-X"), QStringLiteral("PUT"), QStringLiteral("--data-binary"),
                 u'@' + file.fileName(), server.url(QStringLiteral("/blob")).toString()});

    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QCOMPARE(server.received().size(), 1);
    QCOMPARE(server.received().first().method, QByteArray("PUT"));
    QCOMPARE(server.received().first().body, bytes);
    QCOMPARE(server.received().first().header("Content-Type"),
             QByteArray("application/octet-stream"));
}

void tst_CliSend::customMethodAndErrorStatusStillExitZero()
{
    TestServer server;
    QVERIFY(server.listen());
    server.setResponse(
        {404, {{"Content-Type", "application/problem+json"}}, R"({"title":"missing"})", {}});

    const Run run = runSend({QStringLiteral("-X"), QStringLiteral("PROPFIND"),
                             server.url(QStringLiteral("/dav")).toString()});

    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY(run.out.startsWith("HTTP/1.1 404 Not Found\n"));
    QVERIFY(run.out.contains("\"title\": \"missing\""));
    QCOMPARE(server.received().first().method, QByteArray("PROPFIND"));
}

void tst_CliSend::nonJsonBodyIsPrintedAsIs()
{
    TestServer server;
    QVERIFY(server.listen());
    server.setResponse({200, {{"Content-Type", "text/plain"}}, "plain {text}", {}});

    const Run run = runSend({server.url().toString()});

    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY(run.out.endsWith("\n\nplain {text}"));
}

void tst_CliSend::cacertTrustsTheTestCaOverHttps()
{
    TestServer server;
    QVERIFY(server.listenTls(m_tls.server, m_tls.serverKey));

    const Run run =
        runSend({QStringLiteral("--cacert"), TlsFixture::caPath(), QStringLiteral("--bearer"),
                 QStringLiteral("tls-token"), server.url(QStringLiteral("/secure")).toString()});

    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY(run.out.startsWith("HTTP/1.1 200 OK\n"));
    QCOMPARE(server.received().size(), 1);
    QCOMPARE(server.received().first().header("Authorization"), QByteArray("Bearer tls-token"));
}

void tst_CliSend::untrustedCertificateExitsFiveWithTheReason()
{
    TestServer server;
    QVERIFY(server.listenTls(m_tls.selfSigned, m_tls.selfSignedKey));

    const Run run =
        runSend({QStringLiteral("--bearer"), QStringLiteral("secret"), server.url().toString()});

    QVERIFY2(run.exitCode == 5, qPrintable(describe(run)));
    QVERIFY(run.out.isEmpty());
    QVERIFY2(run.err.startsWith("ferry-cli: "), run.err.constData());
    QVERIFY2(run.err.contains("self-signed"), run.err.constData());
    QVERIFY(run.err.contains("Subject: CN=Ferry Self-Signed"));
    QVERIFY(run.err.contains("--cacert"));
    QVERIFY(!run.err.contains("secret"));
    QVERIFY(server.received().isEmpty());
}

void tst_CliSend::insecureAcceptsTheUntrustedCertificate()
{
    TestServer server;
    QVERIFY(server.listenTls(m_tls.selfSigned, m_tls.selfSignedKey));

    const Run run = runSend({QStringLiteral("-k"), server.url().toString()});

    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY(run.out.startsWith("HTTP/1.1 200 OK\n"));
    QCOMPARE(server.received().size(), 1);
    // Skipping verification is never silent: what was ignored is still said.
    QVERIFY2(run.err.contains("warning: certificate verification is off"), run.err.constData());
    QVERIFY2(run.err.contains("self-signed"), run.err.constData());
}

// Scripts pipe the body into other tools; the status line and headers would break them.
void tst_CliSend::bodyOnlyPrintsJustTheBody()
{
    TestServer server;
    QVERIFY(server.listen());
    server.setResponse({200, {{"Content-Type", "application/json"}}, R"({"a":[1,2]})", {}});

    const Run run = runSend({QStringLiteral("--body-only"), server.url().toString()});
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QCOMPARE(run.out, QByteArray("{\n  \"a\": [\n    1,\n    2\n  ]\n}\n"));

    const Run both =
        runSend({QStringLiteral("--body-only"), QStringLiteral("-i"), server.url().toString()});
    QVERIFY2(both.exitCode == 2, qPrintable(describe(both)));
}

// curl joins repeated -d with '&'; scripts written for curl rely on it for form fields.
void tst_CliSend::repeatedDataIsJoinedLikeCurl()
{
    TestServer server;
    QVERIFY(server.listen());

    const Run run = runSend({QStringLiteral("-d"), QStringLiteral("a=1"), QStringLiteral("-d"),
                             QStringLiteral("b=2"), server.url().toString()});

    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QCOMPARE(server.received().size(), 1);
    QCOMPARE(server.received().first().body, QByteArray("a=1&b=2"));
    QCOMPARE(server.received().first().header("Content-Type"),
             QByteArray("application/x-www-form-urlencoded"));
}

// A user who types https:// for a plain HTTP port learns that, not "connection closed". The
// server answers the TLS hello the way plain HTTP servers do: 400, then it hangs up.
void tst_CliSend::httpsToAPlainHttpPortIsATlsFailure()
{
    QTcpServer plain;
    QVERIFY(plain.listen(QHostAddress::LocalHost, 0));
    connect(&plain, &QTcpServer::newConnection, &plain, [&plain] {
        QTcpSocket *socket = plain.nextPendingConnection();
        connect(socket, &QTcpSocket::readyRead, socket, [socket] {
            socket->readAll();
            socket->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n"
                          "Connection: close\r\n\r\n");
            socket->disconnectFromHost();
        });
    });

    const Run run = runSend({QStringLiteral("--max-time"), QStringLiteral("10"),
                             QStringLiteral("https://127.0.0.1:%1/").arg(plain.serverPort())});

    QVERIFY2(run.exitCode == 5, qPrintable(describe(run)));
    QVERIFY2(run.err.contains("Is it an HTTPS server?"), run.err.constData());
}

// A server that dies half-way through its body must not look like a short, complete answer.
void tst_CliSend::connectionClosedMidBodyIsIncomplete()
{
    QTcpServer dying;
    QVERIFY(dying.listen(QHostAddress::LocalHost, 0));
    connect(&dying, &QTcpServer::newConnection, &dying, [&dying] {
        QTcpSocket *socket = dying.nextPendingConnection();
        connect(socket, &QTcpSocket::readyRead, socket, [socket] {
            socket->readAll();
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                          "Content-Length: 100\r\n\r\nhello");
            socket->disconnectFromHost();
        });
    });

    const Run run = runSend({QStringLiteral("--max-time"), QStringLiteral("10"),
                             QStringLiteral("http://127.0.0.1:%1/").arg(dying.serverPort())});

    QVERIFY2(run.exitCode == 4, qPrintable(describe(run)));
    QVERIFY2(run.err.contains("incomplete"), run.err.constData());
}

void tst_CliSend::connectionRefusedExitsFour()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();

    const Run run = runSend({QStringLiteral("http://127.0.0.1:%1/").arg(port)});

    QVERIFY2(run.exitCode == 4, qPrintable(describe(run)));
    QVERIFY(run.err.startsWith("ferry-cli: "));
    QVERIFY2(run.err.contains(QStringLiteral("127.0.0.1:%1").arg(port).toUtf8()),
             run.err.constData());
}

void tst_CliSend::invalidUrlExitsThree()
{
    const Run run = runSend({QStringLiteral("ftp//nowhere")});

    QVERIFY2(run.exitCode == 3, qPrintable(describe(run)));
    QVERIFY(run.err.startsWith("ferry-cli: "));
    QVERIFY(run.err.contains("URL"));
    QVERIFY(run.out.isEmpty());
}

void tst_CliSend::silentServerExitsSixAfterMaxTime()
{
    TestServer server;
    QVERIFY(server.listen());
    server.setSilent(true);

    const Run run =
        runSend({QStringLiteral("--max-time"), QStringLiteral("0.3"), server.url().toString()});

    QVERIFY2(run.exitCode == 6, qPrintable(describe(run)));
    QVERIFY2(run.err.contains("within 0.3 seconds"), run.err.constData());
}

void tst_CliSend::badOptionsExitTwo()
{
    const Run badTime = runSend({QStringLiteral("--max-time"), QStringLiteral("soon"),
                                 QStringLiteral("http://127.0.0.1/")});
    QVERIFY2(badTime.exitCode == 2, qPrintable(describe(badTime)));
    QVERIFY(badTime.err.contains("--max-time 'soon'"));

    const QString missing = QStringLiteral("/nonexistent/ferry/ca.pem");
    const Run badCa =
        runSend({QStringLiteral("--cacert"), missing, QStringLiteral("https://127.0.0.1/")});
    QVERIFY2(badCa.exitCode == 2, qPrintable(describe(badCa)));
    QVERIFY(badCa.err.contains(missing.toUtf8()));

    const Run unknown =
        runSend({QStringLiteral("--no-such-option"), QStringLiteral("http://127.0.0.1/")});
    QVERIFY2(unknown.exitCode == 2, qPrintable(describe(unknown)));

    const Run noUrl = runSend({});
    QVERIFY2(noUrl.exitCode == 2, qPrintable(describe(noUrl)));
}

void tst_CliSend::helpListsEveryOption()
{
    const Run run = runSend({QStringLiteral("--help")});

    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY(run.out.startsWith("Usage: ferry-cli send"));
    for (const char *option : {"-X, --request", "-H, --header", "--bearer", "-d, --data",
                               "--data-binary", "--content-type", "--cacert", "-k, --insecure",
                               "--max-time", "-i, --include", "--raw", "Exit codes"})
        QVERIFY2(run.out.contains(option), option);
}

QTEST_GUILESS_MAIN(tst_CliSend)
#include "tst_cli_send.moc"
