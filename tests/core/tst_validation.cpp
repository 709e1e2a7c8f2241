#include "core/validation.h"

#include <QTest>

using namespace ferry;

// Nothing is sent while validateRequest finds a problem, so every rule here is something a
// user sees as a message at the field instead of a confusing network error, or instead of a
// smuggled header line reaching a server.
class TestValidation final : public QObject {
    Q_OBJECT

    static Request valid()
    {
        Request r;
        r.url = QStringLiteral("https://api.example.com/v1/items?q=1");
        return r;
    }

    static bool hasProblem(const QList<FieldProblem> &problems, RequestField field,
                           const QString &fragment, int row = -1)
    {
        for (const FieldProblem &p : problems) {
            if (p.field == field && p.row == row && p.message.contains(fragment))
                return true;
        }
        qWarning() << "problems were:";
        for (const FieldProblem &p : problems)
            qWarning() << int(p.field) << p.row << p.message;
        return false;
    }

private Q_SLOTS:
    void acceptsOrdinaryRequests()
    {
        Request r = valid();
        r.method = QStringLiteral("PROPFIND");
        r.headers = {{QStringLiteral("X-Trace"), QStringLiteral("a\tb"), true},
                     {QStringLiteral("X-Empty"), QString(), true},
                     {QStringLiteral("bad name"), QStringLiteral("off"), false}};
        r.auth = {AuthKind::Bearer, QStringLiteral("abc.def-ghi")};
        QCOMPARE(validateRequest(r), QList<FieldProblem>{});

        r.url = QStringLiteral("  http://127.0.0.1:8080/path with space?x=a b ");
        QCOMPARE(validateRequest(r), QList<FieldProblem>{});

        r.url = QStringLiteral("https://example.com:/");
        QCOMPARE(validateRequest(r), QList<FieldProblem>{});

        r.url = QStringLiteral("http://[::1]:8080/");
        QCOMPARE(validateRequest(r), QList<FieldProblem>{});
    }

    void rejectsBadUrls_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("empty") << QString() << QStringLiteral("Enter a URL");
        QTest::newRow("blank") << QStringLiteral("   ") << QStringLiteral("Enter a URL");
        QTest::newRow("no scheme")
            << QStringLiteral("example.com/x") << QStringLiteral("http:// or https://");
        QTest::newRow("ftp") << QStringLiteral("ftp://example.com/")
                             << QStringLiteral("'ftp' is not supported");
        QTest::newRow("file") << QStringLiteral("file:///etc/passwd")
                              << QStringLiteral("'file' is not supported");
        QTest::newRow("no host") << QStringLiteral("http:///path") << QStringLiteral("no host");
        QTest::newRow("bad port") << QStringLiteral("http://example.com:99999/")
                                  << QStringLiteral("port '99999' is not a number from 1");
        QTest::newRow("two ports") << QStringLiteral("http://example.com:80:1/")
                                   << QStringLiteral("port '80:1' is not a number");
        QTest::newRow("bad host") << QStringLiteral("http://exa<mple.com/")
                                  << QStringLiteral("The URL is malformed: Invalid hostname");
        QTest::newRow("LF") << QStringLiteral("http://example.com/\nX-Evil: 1")
                            << QStringLiteral("line break (LF) at character 20");
        QTest::newRow("CR") << QStringLiteral("http://example.com/a\rb")
                            << QStringLiteral("carriage return (CR) at character 21");
        QTest::newRow("undefined variable")
            << QStringLiteral("{{base}}/users") << QStringLiteral("{{base}}, which is not defined");
        QTest::newRow("space in host")
            << QStringLiteral("http://exa mple.com/") << QStringLiteral("host");
    }

    void rejectsBadUrls()
    {
        QFETCH(QString, url);
        QFETCH(QString, fragment);
        Request r = valid();
        r.url = url;
        QVERIFY(hasProblem(validateRequest(r), RequestField::Url, fragment));
    }

    void rejectsBadMethods()
    {
        Request r = valid();
        r.method = QStringLiteral("GET /x");
        QVERIFY(hasProblem(validateRequest(r), RequestField::Method, QStringLiteral("a space")));
        r.method = QString();
        QVERIFY(hasProblem(validateRequest(r), RequestField::Method, QStringLiteral("method")));
    }

    void rejectsBadHeaderNames()
    {
        Request r = valid();
        r.headers = {{QStringLiteral("Accept"), QStringLiteral("*/*"), true},
                     {QStringLiteral("X Trace"), QStringLiteral("1"), true},
                     {QStringLiteral("X-Colon:"), QStringLiteral("1"), true},
                     {QString(), QStringLiteral("orphan"), true}};
        const QList<FieldProblem> problems = validateRequest(r);
        QCOMPARE(problems.size(), 3);
        QVERIFY(hasProblem(problems, RequestField::HeaderName, QStringLiteral("a space"), 1));
        QVERIFY(hasProblem(problems, RequestField::HeaderName, QStringLiteral("':'"), 2));
        QVERIFY(hasProblem(problems, RequestField::HeaderName, QStringLiteral("no name"), 3));
    }

    void rejectsLineBreaksInValuesAndToken()
    {
        Request r = valid();
        r.headers = {{QStringLiteral("X-A"), QStringLiteral("ok\r\nX-Injected: 1"), true}};
        r.auth = {AuthKind::Bearer, QStringLiteral("token\n")};
        r.body = "x";
        r.contentType = QStringLiteral("text/plain\r\n");
        const QList<FieldProblem> problems = validateRequest(r);
        QVERIFY(hasProblem(problems, RequestField::HeaderValue,
                           QStringLiteral("carriage return (CR) at character 3"), 0));
        QVERIFY(hasProblem(problems, RequestField::Token,
                           QStringLiteral("line break (LF) at character 6")));
        QVERIFY(hasProblem(problems, RequestField::ContentType, QStringLiteral("carriage")));
    }

    void ignoresTokenWhenAuthIsNone()
    {
        Request r = valid();
        r.auth = {AuthKind::None, QStringLiteral("left\nover")};
        QVERIFY(validateRequest(r).isEmpty());
    }
};

QTEST_APPLESS_MAIN(TestValidation)
#include "tst_validation.moc"
