#include "core/request.h"
#include "core/response.h"

#include <QTest>

using namespace ferry;

// What goes on the wire is derived from what the user edited: these are the rules a user
// relies on when toggling rows, picking Bearer auth or setting a body type.
class TestRequest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void standardMethodsAreUpperCasedCustomOnesKept()
    {
        Request r;
        r.method = QStringLiteral(" post ");
        QCOMPARE(r.wireMethod(), QByteArray("POST"));
        r.method = QStringLiteral("PropFind");
        QCOMPARE(r.wireMethod(), QByteArray("PropFind"));
    }

    void disabledAndNamelessRowsAreNotSent()
    {
        Request r;
        r.headers = {{QStringLiteral("Accept"), QStringLiteral("application/json"), true},
                     {QStringLiteral("X-Off"), QStringLiteral("1"), false},
                     {QString(), QString(), true},
                     {QStringLiteral("X-Dup"), QStringLiteral("a"), true},
                     {QStringLiteral("X-Dup"), QStringLiteral("b"), true},
                     {QStringLiteral("X-Empty"), QString(), true}};
        const QList<WireHeader> expected = {
            {"Accept", "application/json"}, {"X-Dup", "a"}, {"X-Dup", "b"}, {"X-Empty", ""}};
        QCOMPARE(r.wireHeaders(), expected);
    }

    void bearerTokenBecomesAuthorization()
    {
        Request r;
        r.auth = {AuthKind::Bearer, QStringLiteral("s3cr3t")};
        QCOMPARE(r.wireHeaders(), (QList<WireHeader>{{"Authorization", "Bearer s3cr3t"}}));

        // A row the user typed wins over the Auth tab, so nothing is sent twice.
        r.headers = {{QStringLiteral("authorization"), QStringLiteral("Basic eDp5"), true}};
        QCOMPARE(r.wireHeaders(), (QList<WireHeader>{{"authorization", "Basic eDp5"}}));

        r.auth.kind = AuthKind::None;
        r.headers.clear();
        QVERIFY(r.wireHeaders().isEmpty());
    }

    void contentTypeOnlyWithABody()
    {
        Request r;
        r.contentType = QStringLiteral("application/json");
        QVERIFY(r.wireHeaders().isEmpty());

        r.body = "{}";
        QCOMPARE(r.wireHeaders(), (QList<WireHeader>{{"Content-Type", "application/json"}}));

        r.headers = {{QStringLiteral("Content-Type"), QStringLiteral("text/plain"), true}};
        QCOMPARE(r.wireHeaders(), (QList<WireHeader>{{"Content-Type", "text/plain"}}));
    }

    void responseHeaderLookupIgnoresCase()
    {
        Response response;
        response.headers = {{"Content-Type", "application/json"}, {"X-A", "1"}, {"x-a", "2"}};
        QCOMPARE(response.header("content-type"), QByteArray("application/json"));
        QCOMPARE(response.header("X-A"), QByteArray("1"));
        QVERIFY(response.header("missing").isEmpty());
    }

    void statusClasses()
    {
        Response response;
        response.statusCode = 204;
        QCOMPARE(response.statusClass(), QStringLiteral("success"));
        response.statusCode = 308;
        QCOMPARE(response.statusClass(), QStringLiteral("redirect"));
        response.statusCode = 404;
        QCOMPARE(response.statusClass(), QStringLiteral("client-error"));
        response.statusCode = 503;
        QCOMPARE(response.statusClass(), QStringLiteral("server-error"));
        QCOMPARE(reasonPhrase(404), QStringLiteral("Not Found"));
        QVERIFY(reasonPhrase(299).isEmpty());
    }
};

QTEST_APPLESS_MAIN(TestRequest)
#include "tst_request.moc"
