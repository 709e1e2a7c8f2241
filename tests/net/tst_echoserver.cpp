#include "net/echoserver.h"
#include "net/httpclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace ferry;

class tst_EchoServer final : public QObject {
    Q_OBJECT

private:
    // Sends through Ferry's own client and returns the echo document, or fails the test.
    QJsonObject echo(const Request &request, Response *responseOut = nullptr)
    {
        QSignalSpy spy(&m_client, &HttpClient::finished);
        m_client.send(request);
        if (!spy.wait(15'000)) {
            qWarning("no answer from the echo server");
            return {};
        }
        const Response response = spy.at(0).at(1).value<Response>();
        if (responseOut)
            *responseOut = response;
        if (!response.succeeded())
            qWarning("%s", qPrintable(response.failureMessage));
        return QJsonDocument::fromJson(response.body).object();
    }

    Request make(const QString &method, const QString &pathAndQuery) const
    {
        Request request;
        request.method = method;
        request.url = m_echo.baseUrl().toString() + pathAndQuery;
        return request;
    }

    EchoServer m_echo;
    HttpClient m_client;

private Q_SLOTS:
    void initTestCase();
    void startsOnALoopbackPortOnce();
    void getWithQueryIsEchoed();
    void postWithJsonBodyAndCustomHeaderIsEchoed();
    void customMethodTokenIsEchoedAsSent();
    void repeatedHeadersAreEchoedInOrder();
    void binaryBodyIsEchoedAsBase64();
    void headGetsHeadersOnlyAndKeepsTheConnectionUsable();
    void echoReadsInRequestOrderAndKeepsEveryDigit();
};

void tst_EchoServer::initTestCase()
{
    qRegisterMetaType<ferry::Response>();
    QVERIFY2(m_echo.ensureStarted(), qPrintable(m_echo.errorString()));
}

void tst_EchoServer::startsOnALoopbackPortOnce()
{
    QVERIFY(m_echo.isListening());
    QVERIFY(m_echo.port() != 0);
    QCOMPARE(m_echo.baseUrl(), QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_echo.port())));

    const quint16 port = m_echo.port();
    QVERIFY(m_echo.ensureStarted());
    QCOMPARE(m_echo.port(), port);

    EchoServer other;
    QCOMPARE(other.port(), quint16(0));
    QVERIFY(other.baseUrl().isEmpty());
}

void tst_EchoServer::getWithQueryIsEchoed()
{
    Response response;
    const QJsonObject document =
        echo(make(QStringLiteral("GET"), QStringLiteral("/search?q=a%20b&tag=x&tag=y&plus=1+2")),
             &response);

    QCOMPARE(response.statusCode, 200);
    QCOMPARE(response.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(document.value(QStringLiteral("method")).toString(), QStringLiteral("GET"));
    QCOMPARE(document.value(QStringLiteral("path")).toString(), QStringLiteral("/search"));
    QCOMPARE(document.value(QStringLiteral("rawQuery")).toString(),
             QStringLiteral("q=a%20b&tag=x&tag=y&plus=1+2"));

    const QJsonObject query = document.value(QStringLiteral("query")).toObject();
    QCOMPARE(query.value(QStringLiteral("q")).toString(), QStringLiteral("a b"));
    QCOMPARE(query.value(QStringLiteral("tag")).toArray(),
             (QJsonArray{QStringLiteral("x"), QStringLiteral("y")}));
    QCOMPARE(query.value(QStringLiteral("plus")).toString(), QStringLiteral("1 2"));
    QCOMPARE(document.value(QStringLiteral("body")).toString(), QString());
    QVERIFY(document.value(QStringLiteral("json")).isNull());
}

void tst_EchoServer::postWithJsonBodyAndCustomHeaderIsEchoed()
{
    Request request = make(QStringLiteral("POST"), QStringLiteral("/users"));
    request.headers = {{QStringLiteral("X-Custom"), QStringLiteral("hello"), true}};
    request.body = R"({"name":"Zoë","n":[1,2]})";
    request.contentType = QStringLiteral("application/json");
    const QJsonObject document = echo(request);

    QCOMPARE(document.value(QStringLiteral("method")).toString(), QStringLiteral("POST"));
    QCOMPARE(document.value(QStringLiteral("path")).toString(), QStringLiteral("/users"));
    const QJsonObject headers = document.value(QStringLiteral("headers")).toObject();
    QCOMPARE(headers.value(QStringLiteral("X-Custom")).toString(), QStringLiteral("hello"));
    QCOMPARE(headers.value(QStringLiteral("Content-Type")).toString(),
             QStringLiteral("application/json"));
    QCOMPARE(document.value(QStringLiteral("body")).toString(), QString::fromUtf8(request.body));
    QVERIFY(!document.contains(QStringLiteral("bodyEncoding")));

    const QJsonObject json = document.value(QStringLiteral("json")).toObject();
    QCOMPARE(json.value(QStringLiteral("name")).toString(), QStringLiteral("Zoë"));
    QCOMPARE(json.value(QStringLiteral("n")).toArray(), (QJsonArray{1, 2}));
}

void tst_EchoServer::customMethodTokenIsEchoedAsSent()
{
    // Qt HttpServer only knows the standard methods; the echo still names the token sent.
    for (const QString &method : {QStringLiteral("PROPFIND"), QStringLiteral("MyMethod")}) {
        Request request = make(method, QStringLiteral("/dav/a%7Eb?x=%3A"));
        request.body = "<propfind/>";
        const QJsonObject document = echo(request);
        QCOMPARE(document.value(QStringLiteral("method")).toString(), method);
        QCOMPARE(document.value(QStringLiteral("body")).toString(), QStringLiteral("<propfind/>"));
        QCOMPARE(document.value(QStringLiteral("rawQuery")).toString(), QStringLiteral("x=%3A"));
        QCOMPARE(document.value(QStringLiteral("query")).toObject().value(QStringLiteral("x")),
                 QJsonValue(QStringLiteral(":")));
    }
}

void tst_EchoServer::repeatedHeadersAreEchoedInOrder()
{
    Request request = make(QStringLiteral("GET"), QStringLiteral("/h"));
    request.headers = {{QStringLiteral("X-B"), QStringLiteral("2"), true},
                       {QStringLiteral("X-A"), QStringLiteral("1"), true}};
    const QJsonObject document = echo(request);

    QStringList names;
    for (const QJsonValue &pair : document.value(QStringLiteral("headerList")).toArray())
        names << pair.toArray().at(0).toString();
    QVERIFY2(names.indexOf(QStringLiteral("X-B")) >= 0, qPrintable(names.join(u',')));
    QVERIFY(names.indexOf(QStringLiteral("X-B")) < names.indexOf(QStringLiteral("X-A")));
}

void tst_EchoServer::binaryBodyIsEchoedAsBase64()
{
    Request request = make(QStringLiteral("PUT"), QStringLiteral("/blob"));
    request.body = QByteArray("\xff\x00\xfe\x01", 4);
    request.contentType = QStringLiteral("application/octet-stream");
    const QJsonObject document = echo(request);

    QCOMPARE(document.value(QStringLiteral("bodyEncoding")).toString(), QStringLiteral("base64"));
    QCOMPARE(QByteArray::fromBase64(document.value(QStringLiteral("body")).toString().toLatin1()),
             request.body);
    QVERIFY(document.value(QStringLiteral("json")).isNull());
}

void tst_EchoServer::headGetsHeadersOnlyAndKeepsTheConnectionUsable()
{
    Response head;
    echo(make(QStringLiteral("HEAD"), QStringLiteral("/x")), &head);
    QVERIFY2(head.succeeded(), qPrintable(head.failureMessage));
    QCOMPARE(head.statusCode, 200);
    QVERIFY(head.body.isEmpty());

    const QJsonObject after = echo(make(QStringLiteral("GET"), QStringLiteral("/after")));
    QCOMPARE(after.value(QStringLiteral("path")).toString(), QStringLiteral("/after"));
}

// A user reading the echo sees the request top to bottom, and a JSON body comes back with the
// exact digits it was sent with (a double would round them).
void tst_EchoServer::echoReadsInRequestOrderAndKeepsEveryDigit()
{
    Request request = make(QStringLiteral("POST"), QStringLiteral("/order"));
    request.body = R"({"id":12345678901234567890123,"z":1,"a":-0.0})";
    request.contentType = QStringLiteral("application/json");
    Response response;
    echo(request, &response);
    QVERIFY(response.succeeded());

    const QByteArray text = response.body;
    const QList<QByteArray> keys = {"\"method\"",  "\"path\"", "\"query\"",
                                    "\"headers\"", "\"body\"", "\"json\""};
    qsizetype last = -1;
    for (const QByteArray &key : keys) {
        const qsizetype at = text.indexOf(key);
        QVERIFY2(at > last, key.constData());
        last = at;
    }
    QVERIFY2(text.contains("\"id\": 12345678901234567890123"), text.constData());
    QVERIFY2(text.contains("\"a\": -0.0"), text.constData());
    QVERIFY(text.indexOf("\"z\"") < text.indexOf("\"a\": -0.0"));
}

QTEST_GUILESS_MAIN(tst_EchoServer)
#include "tst_echoserver.moc"
