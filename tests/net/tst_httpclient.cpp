#include "net/httpclient.h"
#include "testserver.h"

#include <QFile>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace ferry;
using ferry::test::CannedResponse;
using ferry::test::ReceivedRequest;
using ferry::test::TestServer;
using ferry::test::TlsFixture;

namespace {

constexpr int kWaitMs = 15'000;

Request getRequest(const QUrl &url)
{
    Request request;
    request.method = QStringLiteral("GET");
    request.url = url.toString(QUrl::FullyEncoded);
    return request;
}

Request getRequest(const QString &url)
{
    Request request;
    request.method = QStringLiteral("GET");
    request.url = url;
    return request;
}

// A port on 127.0.0.1 where nothing listens: taken from the system, then released.
quint16 closedPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

QList<QByteArray> headerNames(const ReceivedRequest &request)
{
    QList<QByteArray> names;
    for (const auto &header : request.headers)
        names << header.first.toLower();
    return names;
}

} // namespace

class tst_HttpClient final : public QObject {
    Q_OBJECT

private:
    // Sends and waits for the one finished() that belongs to this request.
    Response sendAndWait(HttpClient &client, const Request &request,
                         const SendOptions &options = {})
    {
        QSignalSpy spy(&client, &HttpClient::finished);
        const quint64 id = client.send(request, options);
        if (!spy.wait(kWaitMs)) {
            Response none;
            none.failure = FailureKind::Network;
            none.failureMessage = QStringLiteral("the test saw no finished() signal");
            return none;
        }
        if (spy.size() != 1 || spy.at(0).at(0).toULongLong() != id) {
            Response wrong;
            wrong.failure = FailureKind::Network;
            wrong.failureMessage = QStringLiteral("finished() came for another request");
            return wrong;
        }
        return spy.at(0).at(1).value<Response>();
    }

    TlsFixture m_tls;

private Q_SLOTS:
    void initTestCase();

    void getWithBearerTokenOverHttp();
    void getWithBearerTokenOverHttpsTrustingTheTestCa();
    void postSendsJsonBodyExactly();
    void customMethodTokenIsSentAsTyped_data();
    void customMethodTokenIsSentAsTyped();
    void headRequestFinishesWithoutBody();
    void duplicateHeadersAreJoinedOnOneLine();
    void userAgentIsFerryUnlessSet();
    void queryIsSentAsTyped_data();
    void queryIsSentAsTyped();
    void errorStatusIsAnAnswerNotAFailure();
    void responseHeadersKeepOrderAndRepeatedSetCookie();
    void keepAliveReusesTheConnection();

    void selfSignedCertificateIsRefusedWithDetails();
    void expiredCertificateIsRefusedWithTheDate();
    void certificateForAnotherHostIsRefusedNamingBothNames();
    void everyCertificateProblemIsListed();
    void insecureRequestDoesNotWeakenALaterVerifyingOne();
    void extraCaIsTrustedForThatRequestOnly();

    void connectionRefusedNamesHostAndPort();
    void unknownHostIsNamed();
    void timeoutIsReportedWithTheDeadline();
    void cancelEndsTheRequestOnce();
    void invalidRequestIsRefusedBeforeSending();

    void redirectToAnotherOriginDropsAuthorization();
    void redirectOnTheSameOriginKeepsAuthorization();
    void redirectFromHttpsToHttpIsNotFollowed();
    void seeOtherAfterPostContinuesAsGet();
    void temporaryRedirectRepeatsMethodAndBody();
    void endlessRedirectsStopAfterTen();

    void loadCaCertificatesReadsPemAndDer();
    void loadCaCertificatesExplainsBadFiles();

    void plainResponseReportsAddressSizesAndTimings();
    void compressedBodyCountsTheBytesOnTheWire();
    void httpsResponseNamesProtocolAndCipher();
    void redirectHopsAreListedInOrder();
    void setCookieHeadersBecomeCookies();
};

void tst_HttpClient::initTestCase()
{
    qRegisterMetaType<ferry::Response>();
    m_tls = TlsFixture::load();
    QVERIFY2(m_tls.isComplete(), "the certificates under tests/data/tls did not load");
}

void tst_HttpClient::getWithBearerTokenOverHttp()
{
    TestServer server;
    QVERIFY(server.listen());
    HttpClient client;

    Request request = getRequest(server.url(QStringLiteral("/items?id=7")));
    request.auth = {AuthKind::Bearer, QStringLiteral("s3cret-token")};
    const Response response = sendAndWait(client, request);

    QVERIFY2(response.succeeded(), qPrintable(response.failureMessage));
    QCOMPARE(response.statusCode, 200);
    QCOMPARE(response.reason, QStringLiteral("OK"));
    QCOMPARE(response.httpVersion, QStringLiteral("HTTP/1.1"));
    QCOMPARE(response.header("content-type"), QByteArray("application/json"));
    QCOMPARE(response.body, QByteArray(R"({"ok":true})"));
    QVERIFY(response.timings.totalMs >= 0);

    QCOMPARE(server.received().size(), 1);
    const ReceivedRequest &received = server.received().first();
    QCOMPARE(received.method, QByteArray("GET"));
    QCOMPARE(received.target, QByteArray("/items?id=7"));
    QCOMPARE(received.header("Authorization"), QByteArray("Bearer s3cret-token"));
    QVERIFY(received.body.isEmpty());
    QVERIFY(!received.hasHeader("Content-Length"));
}

void tst_HttpClient::getWithBearerTokenOverHttpsTrustingTheTestCa()
{
    TestServer server;
    QVERIFY(server.listenTls(m_tls.server, m_tls.serverKey));
    HttpClient client;

    Request request = getRequest(server.url(QStringLiteral("/secure")));
    request.auth = {AuthKind::Bearer, QStringLiteral("tls-token")};
    SendOptions options;
    options.extraCaCertificates = {m_tls.ca};
    const Response response = sendAndWait(client, request, options);

    QVERIFY2(response.succeeded(), qPrintable(response.failureMessage));
    QCOMPARE(response.statusCode, 200);
    QCOMPARE(response.httpVersion, QStringLiteral("HTTP/1.1"));
    QVERIFY(!response.certificateChain.isEmpty());
    QVERIFY(response.certificateChain.first().subject.contains(QStringLiteral("CN=127.0.0.1")));
    QVERIFY(response.tlsProblems.isEmpty());
    QCOMPARE(server.received().size(), 1);
    QCOMPARE(server.received().first().header("Authorization"), QByteArray("Bearer tls-token"));
}

void tst_HttpClient::postSendsJsonBodyExactly()
{
    TestServer server;
    QVERIFY(server.listen());
    server.setResponse({201, {{"Content-Type", "application/json"}}, R"({"id":1})", {}});
    HttpClient client;

    Request request;
    request.method = QStringLiteral("post");
    request.url = server.url(QStringLiteral("/users")).toString();
    request.headers = {{QStringLiteral("X-Trace"), QStringLiteral("abc"), true},
                       {QStringLiteral("X-Disabled"), QStringLiteral("no"), false},
                       {QStringLiteral("Accept"), QStringLiteral("application/json"), true}};
    request.body = R"({"name": "Zoë", "tags": [1, 2]})";
    request.contentType = QStringLiteral("application/json");
    const Response response = sendAndWait(client, request);

    QVERIFY2(response.succeeded(), qPrintable(response.failureMessage));
    QCOMPARE(response.statusCode, 201);
    QCOMPARE(response.reason, QStringLiteral("Created"));

    QCOMPARE(server.received().size(), 1);
    const ReceivedRequest &received = server.received().first();
    QCOMPARE(received.method, QByteArray("POST"));
    QCOMPARE(received.target, QByteArray("/users"));
    QCOMPARE(received.body, request.body);
    QCOMPARE(received.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(received.header("Content-Length"), QByteArray::number(request.body.size()));
    QCOMPARE(received.header("X-Trace"), QByteArray("abc"));
    QVERIFY(!received.hasHeader("X-Disabled"));

    // The user's headers keep their relative order on the wire.
    const QList<QByteArray> names = headerNames(received);
    QVERIFY(names.indexOf("x-trace") < names.indexOf("accept"));
    QVERIFY(names.indexOf("accept") < names.indexOf("content-type"));
}

void tst_HttpClient::customMethodTokenIsSentAsTyped_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QByteArray>("onTheWire");
    QTest::addColumn<QByteArray>("body");

    QTest::newRow("PROPFIND with a body")
        << QStringLiteral("PROPFIND") << QByteArray("PROPFIND") << QByteArray("<propfind/>");
    QTest::newRow("mixed-case custom token")
        << QStringLiteral("MyMethod") << QByteArray("MyMethod") << QByteArray();
    QTest::newRow("standard method in lower case")
        << QStringLiteral("delete") << QByteArray("DELETE") << QByteArray();
    QTest::newRow("PATCH with a body")
        << QStringLiteral("PATCH") << QByteArray("PATCH") << QByteArray("op=1");
}

void tst_HttpClient::customMethodTokenIsSentAsTyped()
{
    QFETCH(QString, typed);
    QFETCH(QByteArray, onTheWire);
    QFETCH(QByteArray, body);

    TestServer server;
    QVERIFY(server.listen());
    HttpClient client;
    Request request = getRequest(server.url(QStringLiteral("/dav/file.txt")));
    request.method = typed;
    request.body = body;
    const Response response = sendAndWait(client, request);

    QVERIFY2(response.succeeded(), qPrintable(response.failureMessage));
    QCOMPARE(server.received().size(), 1);
    QCOMPARE(server.received().first().method, onTheWire);
    QCOMPARE(server.received().first().target, QByteArray("/dav/file.txt"));
    QCOMPARE(server.received().first().body, body);
}

void tst_HttpClient::headRequestFinishesWithoutBody()
{
    TestServer server;
    QVERIFY(server.listen());
    HttpClient client;
    Request request = getRequest(server.url());
    request.method = QStringLiteral("HEAD");
    const Response response = sendAndWait(client, request);

    QVERIFY2(response.succeeded(), qPrintable(response.failureMessage));
    QCOMPARE(server.received().first().method, QByteArray("HEAD"));
    QVERIFY(response.body.isEmpty());
}

void tst_HttpClient::duplicateHeadersAreJoinedOnOneLine()
{
    TestServer server;
    QVERIFY(server.listen());
    HttpClient client;
    Request request = getRequest(server.url());
    request.headers = {{QStringLiteral("X-Tag"), QStringLiteral("one"), true},
                       {QStringLiteral("Cookie"), QStringLiteral("a=1"), true},
                       {QStringLiteral("x-tag"), QStringLiteral("two"), true},
                       {QStringLiteral("Cookie"), QStringLiteral("b=2"), true}};
    const Response response = sendAndWait(client, request);

    QVERIFY2(response.succeeded(), qPrintable(response.failureMessage));
    const ReceivedRequest &received = server.received().first();
    QCOMPARE(received.headerValues("X-Tag"), QList<QByteArray>{"one, two"});
    QCOMPARE(received.headerValues("Cookie"), QList<QByteArray>{"a=1; b=2"});
}

void tst_HttpClient::userAgentIsFerryUnlessSet()
{
    TestServer server;
    QVERIFY(server.listen());
    HttpClient client;

    QVERIFY(sendAndWait(client, getRequest(server.url())).succeeded());
    QCOMPARE(server.received().last().headerValues("User-Agent"),
             QList<QByteArray>{HttpClient::defaultUserAgent()});
    QVERIFY(HttpClient::defaultUserAgent().startsWith("Ferry/"));

    Request custom = getRequest(server.url());
    custom.headers = {{QStringLiteral("user-agent"), QStringLiteral("my-script/2"), true}};
    QVERIFY(sendAndWait(client, custom).succeeded());
    QCOMPARE(server.received().last().headerValues("User-Agent"), QList<QByteArray>{"my-script/2"});
}

void tst_HttpClient::queryIsSentAsTyped_data()
{
    QTest::addColumn<QString>("pathAndQuery");
    QTest::addColumn<QByteArray>("target");

    QTest::newRow("encoded space") << QStringLiteral("/s?q=a%20b") << QByteArray("/s?q=a%20b");
    QTest::newRow("plus stays plus")
        << QStringLiteral("/s?q=a+b&r=c%2Bd") << QByteArray("/s?q=a+b&r=c%2Bd");
    QTest::newRow("encoded colon") << QStringLiteral("/s?t=12%3A30") << QByteArray("/s?t=12%3A30");
    QTest::newRow("encoded ampersand and equals")
        << QStringLiteral("/s?v=a%26b%3Dc") << QByteArray("/s?v=a%26b%3Dc");
    QTest::newRow("encoded slash in path")
        << QStringLiteral("/files/a%2Fb") << QByteArray("/files/a%2Fb");
    QTest::newRow("repeated names and empty value")
        << QStringLiteral("/s?a=1&a=2&b=") << QByteArray("/s?a=1&a=2&b=");
    QTest::newRow("literal space is encoded")
        << QStringLiteral("/s?q=a b") << QByteArray("/s?q=a%20b");
    QTest::newRow("non-ASCII is sent as UTF-8")
        << QStringLiteral("/s?q=café") << QByteArray("/s?q=caf%C3%A9");
    // QUrl normalises two things RFC 3986 defines as equivalent: the case of %xx escapes,
    // and escapes of unreserved characters (%7E is ~).
    QTest::newRow("escapes in upper case")
        << QStringLiteral("/s?q=%c3%a9") << QByteArray("/s?q=%C3%A9");
    QTest::newRow("escaped unreserved characters")
        << QStringLiteral("/s?q=%7Ex%41") << QByteArray("/s?q=~xA");
}

void tst_HttpClient::queryIsSentAsTyped()
{
    QFETCH(QString, pathAndQuery);
    QFETCH(QByteArray, target);

    TestServer server;
    QVERIFY(server.listen());
    HttpClient client;
    const QString url =
        QStringLiteral("http://127.0.0.1:%1%2").arg(server.port()).arg(pathAndQuery);
    const Response response = sendAndWait(client, getRequest(url));

    QVERIFY2(response.succeeded(), qPrintable(response.failureMessage));
    QCOMPARE(server.received().size(), 1);
    QCOMPARE(server.received().first().target, target);
}

void tst_HttpClient::errorStatusIsAnAnswerNotAFailure()
{
    TestServer server;
    QVERIFY(server.listen());
    server.setResponse({404, {{"Content-Type", "text/plain"}}, "no such thing", {}});
    HttpClient client;
    const Response response = sendAndWait(client, getRequest(server.url()));

    QVERIFY2(response.succeeded(), qPrintable(response.failureMessage));
    QCOMPARE(response.statusCode, 404);
    QCOMPARE(response.reason, QStringLiteral("Not Found"));
    QCOMPARE(response.body, QByteArray("no such thing"));

    server.setResponse({500, {}, "boom", "Custom Trouble"});
    const Response custom = sendAndWait(client, getRequest(server.url()));
    QVERIFY2(custom.succeeded(), qPrintable(custom.failureMessage));
    QCOMPARE(custom.statusCode, 500);
    QCOMPARE(custom.reason, QStringLiteral("Custom Trouble"));
}

void tst_HttpClient::responseHeadersKeepOrderAndRepeatedSetCookie()
{
    TestServer server;
    QVERIFY(server.listen());
    server.setResponse({200,
                        {{"X-First", "1"},
                         {"Set-Cookie", "a=1; Path=/"},
                         {"X-Second", "2"},
                         {"Set-Cookie", "b=2; Path=/"}},
                        "ok",
                        {}});
    HttpClient client;
    const Response response = sendAndWait(client, getRequest(server.url()));

    QVERIFY2(response.succeeded(), qPrintable(response.failureMessage));
    // Qt joins a repeated header into one, placed where its last copy was; Ferry splits
    // Set-Cookie back into one header per cookie.
    QList<WireHeader> expected = {{"X-First", "1"},
                                  {"X-Second", "2"},
                                  {"Set-Cookie", "a=1; Path=/"},
                                  {"Set-Cookie", "b=2; Path=/"}};
    QList<WireHeader> relevant;
    for (const WireHeader &header : response.headers) {
        if (header.name.startsWith("X-") || header.name == "Set-Cookie")
            relevant << header;
    }
    QCOMPARE(relevant, expected);
}

void tst_HttpClient::keepAliveReusesTheConnection()
{
    TestServer server;
    QVERIFY(server.listen());
    HttpClient client;
    QVERIFY(sendAndWait(client, getRequest(server.url(QStringLiteral("/1")))).succeeded());
    QVERIFY(sendAndWait(client, getRequest(server.url(QStringLiteral("/2")))).succeeded());

    QCOMPARE(server.received().size(), 2);
    QCOMPARE(server.received().at(1).connection, server.received().at(0).connection);
    QCOMPARE(server.connectionCount(), 1);
}

void tst_HttpClient::selfSignedCertificateIsRefusedWithDetails()
{
    TestServer server;
    QVERIFY(server.listenTls(m_tls.selfSigned, m_tls.selfSignedKey));
    HttpClient client;
    Request request = getRequest(server.url());
    request.auth = {AuthKind::Bearer, QStringLiteral("must-not-leak")};
    const Response response = sendAndWait(client, request);

    QCOMPARE(response.failure, FailureKind::Tls);
    const QString message = response.failureMessage;
    QVERIFY2(message.contains(QStringLiteral("self-signed")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("127.0.0.1:%1").arg(server.port())),
             qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("Subject: CN=Ferry Self-Signed, O=Ferry Tests")),
             qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("Issuer: CN=Ferry Self-Signed, O=Ferry Tests")),
             qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("2020-01-01")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("2120-01-01")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("IP:127.0.0.1")), qPrintable(message));
    QVERIFY(!response.tlsProblems.isEmpty());
    QVERIFY(!response.certificateChain.isEmpty());
    QCOMPARE(response.certificateChain.first().subjectAltNames,
             (QStringList{QStringLiteral("DNS:localhost"), QStringLiteral("IP:127.0.0.1")}));
    QCOMPARE(response.statusCode, 0);
    // Nothing of the request, and so no token, reached the server.
    QVERIFY(server.received().isEmpty());
}

void tst_HttpClient::expiredCertificateIsRefusedWithTheDate()
{
    TestServer server;
    QVERIFY(server.listenTls(m_tls.expired, m_tls.expiredKey));
    HttpClient client;
    SendOptions options;
    options.extraCaCertificates = {m_tls.ca};
    const Response response = sendAndWait(client, getRequest(server.url()), options);

    QCOMPARE(response.failure, FailureKind::Tls);
    const QString message = response.failureMessage;
    QVERIFY2(message.contains(QStringLiteral("expired on 2002-01-01 00:00 UTC")),
             qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("Subject: CN=127.0.0.1, O=Ferry Tests")),
             qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("Issuer: CN=Ferry Test CA, O=Ferry Tests")),
             qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("2001-01-01")), qPrintable(message));
    QCOMPARE(response.tlsProblems.size(), 1);
    QCOMPARE(response.tlsProblems.first().kind, TlsProblemKind::Expired);
    QVERIFY(server.received().isEmpty());
}

void tst_HttpClient::certificateForAnotherHostIsRefusedNamingBothNames()
{
    TestServer server;
    QVERIFY(server.listenTls(m_tls.wrongHost, m_tls.wrongHostKey));
    HttpClient client;
    SendOptions options;
    options.extraCaCertificates = {m_tls.ca};
    const Response response = sendAndWait(client, getRequest(server.url()), options);

    QCOMPARE(response.failure, FailureKind::Tls);
    const QString message = response.failureMessage;
    QVERIFY2(message.contains(QStringLiteral("issued for DNS:wrong.example, not for "
                                             "'127.0.0.1'")),
             qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("Subject: CN=wrong.example")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("Issuer: CN=Ferry Test CA")), qPrintable(message));
    QCOMPARE(response.tlsProblems.size(), 1);
    QCOMPARE(response.tlsProblems.first().kind, TlsProblemKind::WrongHost);
}

void tst_HttpClient::everyCertificateProblemIsListed()
{
    // Signed by a CA this request does not trust, and for another host: two problems.
    TestServer server;
    QVERIFY(server.listenTls(m_tls.wrongHost, m_tls.wrongHostKey));
    HttpClient client;
    const Response response = sendAndWait(client, getRequest(server.url()));

    QCOMPARE(response.failure, FailureKind::Tls);
    QVERIFY2(response.tlsProblems.size() >= 2, qPrintable(response.failureMessage));
    QList<TlsProblemKind> kinds;
    for (const TlsProblem &problem : response.tlsProblems) {
        QVERIFY2(response.failureMessage.contains(problem.message), qPrintable(problem.message));
        kinds << problem.kind;
    }
    QVERIFY(kinds.contains(TlsProblemKind::WrongHost));
    QVERIFY(kinds.contains(TlsProblemKind::Untrusted));
    QVERIFY(response.failureMessage.contains(QStringLiteral("wrong.example")));
    QVERIFY(response.failureMessage.contains(QStringLiteral("not trusted")));
}

void tst_HttpClient::insecureRequestDoesNotWeakenALaterVerifyingOne()
{
    TestServer server;
    QVERIFY(server.listenTls(m_tls.selfSigned, m_tls.selfSignedKey));
    HttpClient client;

    SendOptions insecure;
    insecure.insecure = true;
    const Response accepted = sendAndWait(client, getRequest(server.url()), insecure);
    QVERIFY2(accepted.succeeded(), qPrintable(accepted.failureMessage));
    QCOMPARE(server.received().size(), 1);

    // Same client, same host and port, connection still open: verification must happen again.
    const Response verified = sendAndWait(client, getRequest(server.url()));
    QCOMPARE(verified.failure, FailureKind::Tls);
    QVERIFY(verified.failureMessage.contains(QStringLiteral("self-signed")));
    QCOMPARE(server.received().size(), 1);
}

void tst_HttpClient::extraCaIsTrustedForThatRequestOnly()
{
    TestServer server;
    QVERIFY(server.listenTls(m_tls.server, m_tls.serverKey));
    HttpClient client;

    SendOptions withCa;
    withCa.extraCaCertificates = {m_tls.ca};
    const Response trusted = sendAndWait(client, getRequest(server.url()), withCa);
    QVERIFY2(trusted.succeeded(), qPrintable(trusted.failureMessage));

    const Response untrusted = sendAndWait(client, getRequest(server.url()));
    QCOMPARE(untrusted.failure, FailureKind::Tls);
    QVERIFY2(untrusted.failureMessage.contains(QStringLiteral("not trusted")),
             qPrintable(untrusted.failureMessage));
    QCOMPARE(server.received().size(), 1);
}

void tst_HttpClient::connectionRefusedNamesHostAndPort()
{
    const quint16 port = closedPort();
    QVERIFY(port != 0);
    HttpClient client;
    const Response response =
        sendAndWait(client, getRequest(QStringLiteral("http://127.0.0.1:%1/").arg(port)));

    QCOMPARE(response.failure, FailureKind::ConnectionRefused);
    QVERIFY2(response.failureMessage.contains(QStringLiteral("127.0.0.1:%1").arg(port)),
             qPrintable(response.failureMessage));
    QVERIFY(response.failureMessage.contains(QStringLiteral("refused")));
}

void tst_HttpClient::unknownHostIsNamed()
{
    // .invalid never resolves (RFC 6761), with or without a network.
    HttpClient client;
    const Response response =
        sendAndWait(client, getRequest(QStringLiteral("http://ferry-test.invalid/")));

    QCOMPARE(response.failure, FailureKind::HostNotFound);
    QVERIFY2(response.failureMessage.contains(QStringLiteral("'ferry-test.invalid'")),
             qPrintable(response.failureMessage));
}

void tst_HttpClient::timeoutIsReportedWithTheDeadline()
{
    TestServer server;
    QVERIFY(server.listen());
    server.setSilent(true);
    HttpClient client;
    SendOptions options;
    options.timeoutMs = 300;
    const Response response = sendAndWait(client, getRequest(server.url()), options);

    QCOMPARE(response.failure, FailureKind::Timeout);
    QVERIFY2(response.failureMessage.contains(QStringLiteral("within 0.3 seconds")),
             qPrintable(response.failureMessage));
    QVERIFY2(response.failureMessage.contains(QStringLiteral("127.0.0.1:%1").arg(server.port())),
             qPrintable(response.failureMessage));
    QVERIFY(response.timings.totalMs >= 300);
    // The request arrived; it was the answer that never came.
    QCOMPARE(server.received().size(), 1);
    QVERIFY(!client.isBusy());
}

void tst_HttpClient::cancelEndsTheRequestOnce()
{
    TestServer silent;
    QVERIFY(silent.listen());
    silent.setSilent(true);
    TestServer answering;
    QVERIFY(answering.listen());
    HttpClient client;
    QSignalSpy finished(&client, &HttpClient::finished);

    SendOptions noDeadline;
    noDeadline.timeoutMs = 0;
    const quint64 id = client.send(getRequest(silent.url()), noDeadline);
    QTRY_COMPARE_WITH_TIMEOUT(silent.received().size(), 1, kWaitMs);
    QVERIFY(client.isBusy());

    client.cancel(id);
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished.at(0).at(0).toULongLong(), id);
    const Response response = finished.at(0).at(1).value<Response>();
    QCOMPARE(response.failure, FailureKind::Canceled);
    QVERIFY(!response.failureMessage.isEmpty());
    QVERIFY(!client.isBusy());

    // Canceling again, or an unknown id, does nothing; a later request still works and the
    // canceled one never reports a second time.
    client.cancel(id);
    client.cancel(id + 1000);
    const quint64 next = client.send(getRequest(answering.url()));
    QVERIFY(finished.wait(kWaitMs));
    QCOMPARE(finished.size(), 2);
    QCOMPARE(finished.at(1).at(0).toULongLong(), next);
    QVERIFY(finished.at(1).at(1).value<Response>().succeeded());
}

void tst_HttpClient::invalidRequestIsRefusedBeforeSending()
{
    TestServer server;
    QVERIFY(server.listen());
    HttpClient client;
    QSignalSpy finished(&client, &HttpClient::finished);

    Request request = getRequest(server.url());
    request.headers = {{QStringLiteral("X-Bad"), QStringLiteral("a\r\nInjected: yes"), true}};
    const quint64 id = client.send(request);
    // Never before send() returned, so a caller can always match the id.
    QCOMPARE(finished.size(), 0);
    QVERIFY(finished.wait(kWaitMs));
    QCOMPARE(finished.at(0).at(0).toULongLong(), id);
    const Response response = finished.at(0).at(1).value<Response>();
    QCOMPARE(response.failure, FailureKind::InvalidRequest);
    QVERIFY(!response.failureMessage.isEmpty());

    const Response badUrl = sendAndWait(client, getRequest(QStringLiteral("not a url")));
    QCOMPARE(badUrl.failure, FailureKind::InvalidRequest);
    QVERIFY(!badUrl.failureMessage.isEmpty());
    QVERIFY(server.received().isEmpty());
}

void tst_HttpClient::redirectToAnotherOriginDropsAuthorization()
{
    TestServer target;
    QVERIFY(target.listen());
    target.setResponse({200, {{"Content-Type", "text/plain"}}, "landed", {}});
    TestServer origin;
    QVERIFY(origin.listen());
    origin.setResponse(
        {302, {{"Location", target.url(QStringLiteral("/landing?x=1")).toEncoded()}}, {}, {}});

    HttpClient client;
    Request request = getRequest(origin.url(QStringLiteral("/start")));
    request.auth = {AuthKind::Bearer, QStringLiteral("origin-only")};
    request.headers = {{QStringLiteral("X-Keep"), QStringLiteral("yes"), true},
                       {QStringLiteral("Cookie"), QStringLiteral("session=1"), true}};
    const Response response = sendAndWait(client, request);

    QVERIFY2(response.succeeded(), qPrintable(response.failureMessage));
    QCOMPARE(response.statusCode, 200);
    QCOMPARE(response.body, QByteArray("landed"));
    QCOMPARE(origin.received().size(), 1);
    QCOMPARE(origin.received().first().header("Authorization"), QByteArray("Bearer origin-only"));
    QCOMPARE(target.received().size(), 1);
    const ReceivedRequest &landed = target.received().first();
    QCOMPARE(landed.target, QByteArray("/landing?x=1"));
    QVERIFY(!landed.hasHeader("Authorization"));
    QVERIFY(!landed.hasHeader("Cookie"));
    QCOMPARE(landed.header("X-Keep"), QByteArray("yes"));
}

void tst_HttpClient::redirectOnTheSameOriginKeepsAuthorization()
{
    TestServer server;
    QVERIFY(server.listen());
    server.setResponse("/old", {301, {{"Location", "/new"}}, {}, {}});
    HttpClient client;
    Request request = getRequest(server.url(QStringLiteral("/old")));
    request.auth = {AuthKind::Bearer, QStringLiteral("same-origin")};
    const Response response = sendAndWait(client, request);

    QVERIFY2(response.succeeded(), qPrintable(response.failureMessage));
    QCOMPARE(response.statusCode, 200);
    QCOMPARE(server.received().size(), 2);
    QCOMPARE(server.received().at(1).target, QByteArray("/new"));
    QCOMPARE(server.received().at(1).header("Authorization"), QByteArray("Bearer same-origin"));
}

void tst_HttpClient::redirectFromHttpsToHttpIsNotFollowed()
{
    TestServer plain;
    QVERIFY(plain.listen());
    TestServer secure;
    QVERIFY(secure.listenTls(m_tls.server, m_tls.serverKey));
    secure.setResponse(
        {302, {{"Location", plain.url(QStringLiteral("/down")).toEncoded()}}, {}, {}});

    HttpClient client;
    SendOptions options;
    options.extraCaCertificates = {m_tls.ca};
    Request request = getRequest(secure.url());
    request.auth = {AuthKind::Bearer, QStringLiteral("keep-it-encrypted")};
    const Response response = sendAndWait(client, request, options);

    QCOMPARE(response.failure, FailureKind::Network);
    QVERIFY2(response.failureMessage.contains(QStringLiteral("HTTPS to unencrypted HTTP")),
             qPrintable(response.failureMessage));
    QCOMPARE(response.statusCode, 302);
    QVERIFY(plain.received().isEmpty());
}

void tst_HttpClient::seeOtherAfterPostContinuesAsGet()
{
    TestServer server;
    QVERIFY(server.listen());
    server.setResponse("/submit", {303, {{"Location", "/result"}}, {}, {}});
    HttpClient client;
    Request request = getRequest(server.url(QStringLiteral("/submit")));
    request.method = QStringLiteral("POST");
    request.body = "a=1";
    request.contentType = QStringLiteral("application/x-www-form-urlencoded");
    const Response response = sendAndWait(client, request);

    QVERIFY2(response.succeeded(), qPrintable(response.failureMessage));
    QCOMPARE(server.received().size(), 2);
    QCOMPARE(server.received().at(0).method, QByteArray("POST"));
    QCOMPARE(server.received().at(0).body, QByteArray("a=1"));
    QCOMPARE(server.received().at(1).method, QByteArray("GET"));
    QVERIFY(server.received().at(1).body.isEmpty());
    QVERIFY(!server.received().at(1).hasHeader("Content-Type"));
}

void tst_HttpClient::temporaryRedirectRepeatsMethodAndBody()
{
    TestServer server;
    QVERIFY(server.listen());
    server.setResponse("/v1/items", {307, {{"Location", "/v2/items"}}, {}, {}});
    HttpClient client;
    Request request = getRequest(server.url(QStringLiteral("/v1/items")));
    request.method = QStringLiteral("PUT");
    request.body = R"({"n":1})";
    request.contentType = QStringLiteral("application/json");
    const Response response = sendAndWait(client, request);

    QVERIFY2(response.succeeded(), qPrintable(response.failureMessage));
    QCOMPARE(server.received().size(), 2);
    QCOMPARE(server.received().at(1).method, QByteArray("PUT"));
    QCOMPARE(server.received().at(1).target, QByteArray("/v2/items"));
    QCOMPARE(server.received().at(1).body, request.body);
    QCOMPARE(server.received().at(1).header("Content-Type"), QByteArray("application/json"));
}

void tst_HttpClient::endlessRedirectsStopAfterTen()
{
    TestServer server;
    QVERIFY(server.listen());
    server.setResponse({302, {{"Location", "/again"}}, {}, {}});
    HttpClient client;
    const Response response = sendAndWait(client, getRequest(server.url()));

    QCOMPARE(response.failure, FailureKind::Network);
    QVERIFY2(response.failureMessage.contains(QStringLiteral("10 redirects")),
             qPrintable(response.failureMessage));
    QCOMPARE(server.received().size(), 11);
}

void tst_HttpClient::loadCaCertificatesReadsPemAndDer()
{
    const Result<QList<QSslCertificate>> pem = loadCaCertificates(TlsFixture::caPath());
    QVERIFY2(pem.ok(), pem.ok() ? "" : qPrintable(pem.error().message));
    QCOMPARE(pem.value(), QList<QSslCertificate>{m_tls.ca});

    const Result<QList<QSslCertificate>> der =
        loadCaCertificates(TlsFixture::dir() + QStringLiteral("/ca.der"));
    QVERIFY2(der.ok(), der.ok() ? "" : qPrintable(der.error().message));
    QCOMPARE(der.value(), QList<QSslCertificate>{m_tls.ca});
}

void tst_HttpClient::loadCaCertificatesExplainsBadFiles()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());

    const QString missing = dir.filePath(QStringLiteral("missing.pem"));
    const Result<QList<QSslCertificate>> none = loadCaCertificates(missing);
    QVERIFY(!none.ok());
    QVERIFY2(none.error().message.contains(missing), qPrintable(none.error().message));

    const QString garbage = dir.filePath(QStringLiteral("garbage.pem"));
    QFile file(garbage);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("this is not a certificate\n");
    file.close();
    const Result<QList<QSslCertificate>> bad = loadCaCertificates(garbage);
    QVERIFY(!bad.ok());
    QVERIFY2(bad.error().message.contains(garbage), qPrintable(bad.error().message));
}

void tst_HttpClient::plainResponseReportsAddressSizesAndTimings()
{
    TestServer server;
    QVERIFY(server.listen());
    server.setResponse({200, {{"Content-Type", "text/plain"}}, "hello", {}});
    HttpClient client;
    const Response response = sendAndWait(client, getRequest(server.url(QStringLiteral("/p"))));

    QVERIFY2(response.succeeded(), qPrintable(response.failureMessage));
    QCOMPARE(response.remoteAddress, QStringLiteral("127.0.0.1:%1").arg(server.port()));
    QCOMPARE(response.finalUrl, server.url(QStringLiteral("/p")).toString());
    // Exactly what the test server wrote before the body.
    const QByteArray head = "HTTP/1.1 200 OK\r\n"
                            "Content-Type: text/plain\r\n"
                            "Content-Length: 5\r\n"
                            "\r\n";
    QCOMPARE(response.sizes.headers, qint64(head.size()));
    QCOMPARE(response.sizes.bodyOnWire, qint64(5));
    QCOMPARE(response.sizes.bodyDecoded, qint64(5));

    const Timings &t = response.timings;
    QCOMPARE(t.tlsHandshakeMs, qint64(-1));
    QVERIFY2(t.firstByteMs >= 0, qPrintable(QString::number(t.firstByteMs)));
    QVERIFY(t.lastByteMs >= t.firstByteMs);
    QVERIFY(t.totalMs >= t.lastByteMs);
    QVERIFY(response.tlsProtocol.isEmpty());
    QVERIFY(response.tlsCipher.isEmpty());
    QVERIFY(response.redirects.isEmpty());
    QVERIFY(response.cookies.isEmpty());
}

void tst_HttpClient::compressedBodyCountsTheBytesOnTheWire()
{
    // A server that compresses its answer: Qt asks for it and inflates the body on arrival.
    const QByteArray original = QByteArray("{\"items\":[") + QByteArray("1,").repeated(500) + "1]}";
    // qCompress writes a 4-byte length and then a zlib stream, which is HTTP's "deflate".
    const QByteArray deflated = qCompress(original).mid(4);
    TestServer server;
    QVERIFY(server.listen());
    server.setResponse({200,
                        {{"Content-Type", "application/json"}, {"Content-Encoding", "deflate"}},
                        deflated,
                        {}});
    HttpClient client;
    const Response response = sendAndWait(client, getRequest(server.url()));

    QVERIFY2(response.succeeded(), qPrintable(response.failureMessage));
    QCOMPARE(response.body, original);
    QCOMPARE(response.sizes.bodyOnWire, qint64(deflated.size()));
    QCOMPARE(response.sizes.bodyDecoded, qint64(original.size()));
    QVERIFY(response.sizes.bodyOnWire < response.sizes.bodyDecoded);
    // Qt drops Content-Length from the headers it decompressed; it still counts.
    const QByteArray head = "HTTP/1.1 200 OK\r\n"
                            "Content-Type: application/json\r\n"
                            "Content-Encoding: deflate\r\n"
                            "Content-Length: "
                            + QByteArray::number(deflated.size()) + "\r\n\r\n";
    QCOMPARE(response.sizes.headers, qint64(head.size()));
}

void tst_HttpClient::httpsResponseNamesProtocolAndCipher()
{
    TestServer server;
    QVERIFY(server.listenTls(m_tls.server, m_tls.serverKey));
    HttpClient client;
    SendOptions options;
    options.extraCaCertificates = {m_tls.ca};
    const Response response = sendAndWait(client, getRequest(server.url()), options);

    QVERIFY2(response.succeeded(), qPrintable(response.failureMessage));
    QCOMPARE(response.remoteAddress, QStringLiteral("127.0.0.1:%1").arg(server.port()));
    QVERIFY2(response.tlsProtocol == QStringLiteral("TLS 1.3")
                 || response.tlsProtocol == QStringLiteral("TLS 1.2"),
             qPrintable(response.tlsProtocol));
    QVERIFY(!response.tlsCipher.isEmpty());
    QVERIFY(!response.certificateChain.isEmpty());
    // A new connection: the handshake is done before the first byte of the answer.
    QVERIFY2(response.timings.tlsHandshakeMs >= 0,
             qPrintable(QString::number(response.timings.tlsHandshakeMs)));
    QVERIFY(response.timings.firstByteMs >= response.timings.tlsHandshakeMs);
    QVERIFY(response.timings.lastByteMs >= response.timings.firstByteMs);
}

void tst_HttpClient::redirectHopsAreListedInOrder()
{
    TestServer server;
    QVERIFY(server.listen());
    const QUrl second = server.url(QStringLiteral("/second"));
    const QUrl last = server.url(QStringLiteral("/last?x=1"));
    server.setResponse("/first", {302, {{"Location", "/second"}}, {}, {}});
    server.setResponse("/second", {301, {{"Location", last.toEncoded()}}, {}, {}});
    server.setResponse("/last", {200, {{"Content-Type", "text/plain"}}, "here", {}});
    HttpClient client;
    const Response response = sendAndWait(client, getRequest(server.url(QStringLiteral("/first"))));

    QVERIFY2(response.succeeded(), qPrintable(response.failureMessage));
    QCOMPARE(response.body, QByteArray("here"));
    const QList<RedirectHop> expected = {{302, second.toString()}, {301, last.toString()}};
    QCOMPARE(response.redirects, expected);
    QCOMPARE(response.finalUrl, last.toString());
}

void tst_HttpClient::setCookieHeadersBecomeCookies()
{
    TestServer server;
    QVERIFY(server.listen());
    server.setResponse(
        {200,
         {{"Set-Cookie", "session=abc123; Path=/; HttpOnly; Secure; SameSite=Strict"},
          {"Set-Cookie", "theme=dark; Domain=example.test; Path=/app; "
                         "Expires=Wed, 21 Oct 2037 07:28:00 GMT; SameSite=Lax"}},
         "ok",
         {}});
    HttpClient client;
    const Response response = sendAndWait(client, getRequest(server.url()));

    QVERIFY2(response.succeeded(), qPrintable(response.failureMessage));
    QCOMPARE(response.cookies.size(), 2);

    const ResponseCookie &session = response.cookies.at(0);
    QCOMPARE(session.name, QStringLiteral("session"));
    QCOMPARE(session.value, QStringLiteral("abc123"));
    QVERIFY(session.domain.isEmpty());
    QCOMPARE(session.path, QStringLiteral("/"));
    QVERIFY(!session.expires.isValid());
    QVERIFY(session.httpOnly);
    QVERIFY(session.secure);
    QCOMPARE(session.sameSite, QStringLiteral("Strict"));

    const ResponseCookie &theme = response.cookies.at(1);
    QCOMPARE(theme.name, QStringLiteral("theme"));
    QCOMPARE(theme.value, QStringLiteral("dark"));
    QCOMPARE(theme.domain, QStringLiteral("example.test"));
    QCOMPARE(theme.path, QStringLiteral("/app"));
    QCOMPARE(theme.expires, QDateTime(QDate(2037, 10, 21), QTime(7, 28), Qt::UTC));
    QVERIFY(!theme.httpOnly);
    QVERIFY(!theme.secure);
    QCOMPARE(theme.sameSite, QStringLiteral("Lax"));
}

QTEST_GUILESS_MAIN(tst_HttpClient)
#include "tst_httpclient.moc"
