// The network tests trust TestServer to record exactly what came over the wire; these tests
// talk to it with a raw socket to make sure it does.
#include "testserver.h"

#include <QSignalSpy>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTest>

using ferry::test::CannedResponse;
using ferry::test::ReceivedRequest;
using ferry::test::TestServer;
using ferry::test::TlsFixture;

namespace {

// Reads from the socket until the answer holds a complete head and Content-Length body. It
// waits in the event loop, never in a blocking call, because the server runs in this thread.
QByteArray readAnswer(QTcpSocket &socket)
{
    QByteArray answer = socket.readAll();
    while (true) {
        const qsizetype headEnd = answer.indexOf("\r\n\r\n");
        if (headEnd >= 0) {
            const qsizetype lengthAt = answer.toLower().indexOf("content-length:");
            const qsizetype lineEnd = answer.indexOf("\r\n", lengthAt);
            const int length =
                lengthAt < 0 ? 0
                             : answer.mid(lengthAt + 15, lineEnd - lengthAt - 15).trimmed().toInt();
            if (answer.size() >= headEnd + 4 + length)
                return answer;
        }
        QSignalSpy readyRead(&socket, &QIODevice::readyRead);
        if (socket.bytesAvailable() == 0 && !readyRead.wait(10'000))
            return answer;
        answer += socket.readAll();
    }
}

} // namespace

class tst_TestServer final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void recordsTheRequestExactly();
    void decodesChunkedBodies();
    void givesTheGoAheadToExpectContinue();
    void keepsTheConnectionOpenBetweenRequests();
    void answersPerPath();
    void silentServerNeverAnswers();
    void servesTls();
    void refusesMalformedRequests();
};

void tst_TestServer::recordsTheRequestExactly()
{
    TestServer server;
    QVERIFY(server.listen());
    server.setResponse({418, {{"X-Answer", "yes"}}, "teapot", "I'm a teapot"});

    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, server.port());
    QVERIFY(socket.waitForConnected(10'000));
    socket.write("PROPFIND /a%20b/c?x=%3A+y&z HTTP/1.1\r\n"
                 "Host: 127.0.0.1\r\n"
                 "X-Dup: one\r\n"
                 "x-dup: two\r\n"
                 "Content-Length: 5\r\n"
                 "\r\n"
                 "hello");
    const QByteArray answer = readAnswer(socket);

    QVERIFY2(answer.startsWith("HTTP/1.1 418 I'm a teapot\r\n"), answer.constData());
    QVERIFY(answer.contains("X-Answer: yes\r\n"));
    QVERIFY(answer.endsWith("\r\n\r\nteapot"));
    QCOMPARE(server.received().size(), 1);
    const ReceivedRequest &request = server.received().first();
    QCOMPARE(request.method, QByteArray("PROPFIND"));
    QCOMPARE(request.target, QByteArray("/a%20b/c?x=%3A+y&z"));
    QCOMPARE(request.path, QByteArray("/a%20b/c"));
    QCOMPARE(request.rawQuery, QByteArray("x=%3A+y&z"));
    QCOMPARE(request.version, QByteArray("HTTP/1.1"));
    QCOMPARE(request.headers.size(), 4);
    QCOMPARE(request.headers.at(1), (QPair<QByteArray, QByteArray>("X-Dup", "one")));
    QCOMPARE(request.headers.at(2), (QPair<QByteArray, QByteArray>("x-dup", "two")));
    QCOMPARE(request.headerValues("X-DUP"), (QList<QByteArray>{"one", "two"}));
    QCOMPARE(request.header("x-dup"), QByteArray("one"));
    QCOMPARE(request.body, QByteArray("hello"));
}

void tst_TestServer::decodesChunkedBodies()
{
    TestServer server;
    QVERIFY(server.listen());
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, server.port());
    QVERIFY(socket.waitForConnected(10'000));

    // Sent in pieces, so the parser has to wait for the rest.
    socket.write("POST /up HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhel");
    QVERIFY(socket.waitForBytesWritten(10'000));
    socket.write("lo\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n");
    readAnswer(socket);

    QTRY_COMPARE(server.received().size(), 1);
    QCOMPARE(server.received().first().body, QByteArray("hello world"));
}

void tst_TestServer::givesTheGoAheadToExpectContinue()
{
    TestServer server;
    QVERIFY(server.listen());
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, server.port());
    QVERIFY(socket.waitForConnected(10'000));

    socket.write("POST /big HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
    QSignalSpy readyRead(&socket, &QIODevice::readyRead);
    QVERIFY(readyRead.wait(10'000));
    QCOMPARE(socket.readAll(), QByteArray("HTTP/1.1 100 Continue\r\n\r\n"));

    socket.write("data");
    QVERIFY(readAnswer(socket).startsWith("HTTP/1.1 200 OK"));
    QCOMPARE(server.received().first().body, QByteArray("data"));
}

void tst_TestServer::keepsTheConnectionOpenBetweenRequests()
{
    TestServer server;
    QVERIFY(server.listen());
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, server.port());
    QVERIFY(socket.waitForConnected(10'000));

    socket.write("GET /1 HTTP/1.1\r\nHost: x\r\n\r\n");
    QVERIFY(readAnswer(socket).startsWith("HTTP/1.1 200 OK"));
    socket.write("GET /2 HTTP/1.1\r\nHost: x\r\n\r\n");
    QVERIFY(readAnswer(socket).startsWith("HTTP/1.1 200 OK"));

    QCOMPARE(server.received().size(), 2);
    QCOMPARE(server.connectionCount(), 1);
    QCOMPARE(server.received().at(1).connection, 1);
    QCOMPARE(socket.state(), QAbstractSocket::ConnectedState);
}

void tst_TestServer::answersPerPath()
{
    TestServer server;
    QVERIFY(server.listen());
    server.setResponse("/moved", {301, {{"Location", "/new"}}, {}, {}});
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, server.port());
    QVERIFY(socket.waitForConnected(10'000));

    socket.write("GET /moved?x=1 HTTP/1.1\r\n\r\n");
    const QByteArray moved = readAnswer(socket);
    QVERIFY2(moved.startsWith("HTTP/1.1 301 Moved Permanently"), moved.constData());
    QVERIFY(moved.contains("Location: /new\r\n"));
    socket.write("GET /other HTTP/1.1\r\n\r\n");
    QVERIFY(readAnswer(socket).startsWith("HTTP/1.1 200 OK"));
}

void tst_TestServer::silentServerNeverAnswers()
{
    TestServer server;
    QVERIFY(server.listen());
    server.setSilent(true);
    QSignalSpy received(&server, &TestServer::requestReceived);
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, server.port());
    QVERIFY(socket.waitForConnected(10'000));
    socket.write("GET / HTTP/1.1\r\n\r\n");

    QVERIFY(received.wait(10'000));
    QCOMPARE(socket.bytesAvailable(), 0);
    QCOMPARE(socket.state(), QAbstractSocket::ConnectedState);
}

void tst_TestServer::servesTls()
{
    const TlsFixture tls = TlsFixture::load();
    QVERIFY(tls.isComplete());
    TestServer server;
    QVERIFY(server.listenTls(tls.server, tls.serverKey));
    QVERIFY(server.isTls());
    QCOMPARE(server.url(QStringLiteral("/p?q=1")).toString(),
             QStringLiteral("https://127.0.0.1:%1/p?q=1").arg(server.port()));

    QSslSocket socket;
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setCaCertificates({tls.ca});
    socket.setSslConfiguration(configuration);
    QSignalSpy encrypted(&socket, &QSslSocket::encrypted);
    socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), server.port());
    QVERIFY2(encrypted.wait(10'000), qPrintable(socket.errorString()));
    socket.write("GET /secure HTTP/1.1\r\n\r\n");
    QVERIFY(readAnswer(socket).startsWith("HTTP/1.1 200 OK"));
    QCOMPARE(server.received().first().target, QByteArray("/secure"));
}

void tst_TestServer::refusesMalformedRequests()
{
    TestServer server;
    QVERIFY(server.listen());
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, server.port());
    QVERIFY(socket.waitForConnected(10'000));
    socket.write("NONSENSE\r\n\r\n");

    QVERIFY(readAnswer(socket).startsWith("HTTP/1.1 400 Bad Request"));
    QVERIFY(server.received().isEmpty());
}

QTEST_GUILESS_MAIN(tst_TestServer)
#include "tst_testserver.moc"
