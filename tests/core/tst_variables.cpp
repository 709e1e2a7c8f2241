#include "core/variables.h"

#include <QTest>

using namespace ferry;

// {{name}} placeholders are how the sample request reaches the echo server on whatever port
// it got this run, and later how environments fill in base URLs and tokens.
class TestVariables final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void substitutesKnownNamesOnly()
    {
        const Variables vars = {{QStringLiteral("$echo"), QStringLiteral("http://127.0.0.1:4000")},
                                {QStringLiteral("id"), QStringLiteral("42")}};
        QCOMPARE(
            substituteVariables(QStringLiteral("{{$echo}}/users/{{ id }}?x={{unknown}}"), vars),
            QStringLiteral("http://127.0.0.1:4000/users/42?x={{unknown}}"));
        QCOMPARE(substituteVariables(QStringLiteral("no placeholders"), vars),
                 QStringLiteral("no placeholders"));
        QCOMPARE(substituteVariables(QStringLiteral("{{id"), vars), QStringLiteral("{{id"));
        QCOMPARE(substituteVariables(QStringLiteral("{{}}"), vars), QStringLiteral("{{}}"));
    }

    void valuesAreNotSubstitutedAgain()
    {
        const Variables vars = {{QStringLiteral("a"), QStringLiteral("{{b}}")},
                                {QStringLiteral("b"), QStringLiteral("no")}};
        QCOMPARE(substituteVariables(QStringLiteral("{{a}}"), vars), QStringLiteral("{{b}}"));
    }

    void listsReferencedNames()
    {
        QCOMPARE(referencedVariables(QStringLiteral("{{a}}/{{ b }}/{{a}}")),
                 (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
    }

    void resolvesEveryPartOfARequest()
    {
        Request r;
        r.url = QStringLiteral("{{$echo}}/get");
        r.headers = {{QStringLiteral("X-{{k}}"), QStringLiteral("{{v}}"), true}};
        r.auth = {AuthKind::Bearer, QStringLiteral("{{token}}")};
        r.body = R"({"id":"{{v}}"})";
        const Variables vars = {{QStringLiteral("$echo"), QStringLiteral("http://h:1")},
                                {QStringLiteral("k"), QStringLiteral("Key")},
                                {QStringLiteral("v"), QStringLiteral("val")},
                                {QStringLiteral("token"), QStringLiteral("t0k")}};

        QVERIFY(requestReferences(r, kEchoVariable));
        QVERIFY(!requestReferences(r, u"other"));

        const Request resolved = resolveVariables(r, vars);
        QCOMPARE(resolved.url, QStringLiteral("http://h:1/get"));
        QCOMPARE(resolved.headers.first().name, QStringLiteral("X-Key"));
        QCOMPARE(resolved.headers.first().value, QStringLiteral("val"));
        QCOMPARE(resolved.auth.token, QStringLiteral("t0k"));
        QCOMPARE(resolved.body, QByteArray(R"({"id":"val"})"));
    }

    void binaryBodiesPassThrough()
    {
        Request r;
        r.body = QByteArray("\xff\xfe{{v}}\x00", 8);
        const Request resolved = resolveVariables(r, {{QStringLiteral("x"), QStringLiteral("y")}});
        QCOMPARE(resolved.body, r.body);
    }
};

QTEST_APPLESS_MAIN(TestVariables)
#include "tst_variables.moc"
