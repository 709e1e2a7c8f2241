#include "core/json/jsonformatter.h"

#include <QTest>

using namespace ferry::json;

namespace {

QByteArray sortedMinified(QByteArrayView input)
{
    const FormatOutcome outcome = formatSorted(input, {2, true});
    if (outcome.error)
        qWarning("unexpected error: %s", qPrintable(outcome.error->describe()));
    return outcome.text;
}

} // namespace

class TestJsonSort final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void sortsKeysAtEveryDepth();
    void sortsInputs_data();
    void sortsInputs();
    void prettyPrintsWithTheRequestedIndent();
    void reportsInvalidJsonLikeFormat();
    void handlesHundredThousandNestedObjects();
    void handlesHundredThousandNestedArrays();
};

void TestJsonSort::sortsKeysAtEveryDepth()
{
    // An API response whose members come in server order; sorting makes two responses
    // comparable line by line.
    const QByteArray input = R"({"name":"Ferry","id":7,"meta":{"z":1,"a":[{"y":2,"b":3}]}})";

    QCOMPARE(sortedMinified(input),
             QByteArray(R"({"id":7,"meta":{"a":[{"b":3,"y":2}],"z":1},"name":"Ferry"})"));
}

void TestJsonSort::sortsInputs_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("duplicates keep their order")
        << QByteArray(R"({"b":1,"a":"first","b":2,"a":"second","a":"third"})")
        << QByteArray(R"({"a":"first","a":"second","a":"third","b":1,"b":2})");
    QTest::newRow("numbers keep their exact text")
        << QByteArray(R"({"z":12345678901234567890123,"y":1e400,"x":-0.0,"w":1E+2,"v":2.50000})")
        << QByteArray(R"({"v":2.50000,"w":1E+2,"x":-0.0,"y":1e400,"z":12345678901234567890123})");
    QTest::newRow("strings keep their escapes")
        << QByteArray(R"({"s":"caf\u00e9 \"q\" \/","r":"\uD83D\uDE00"})")
        << QByteArray(R"({"r":"\uD83D\uDE00","s":"caf\u00e9 \"q\" \/"})");
    // "\u0062" is "b": keys sort by what they mean, and keep how they were written.
    QTest::newRow("escaped keys sort by their decoded text")
        << QByteArray(R"({"c":3,"\u0062":2,"a":1})") << QByteArray(R"({"a":1,"\u0062":2,"c":3})");
    QTest::newRow("byte order: upper case before lower case")
        << QByteArray(R"({"b":1,"B":2,"a":3,"A":4,"_":5,"1":6})")
        << QByteArray(R"({"1":6,"A":4,"B":2,"_":5,"a":3,"b":1})");
    QTest::newRow("non-ASCII after ASCII, by code point")
        << QByteArray("{\"\xC3\xA9\":1,\"z\":2,\"\xF0\x9F\x98\x80\":3,\"\xE6\x97\xA5\":4}")
        << QByteArray("{\"z\":2,\"\xC3\xA9\":1,\"\xE6\x97\xA5\":4,\"\xF0\x9F\x98\x80\":3}");
    QTest::newRow("prefix sorts first")
        << QByteArray(R"({"ab":1,"a":2,"":3})") << QByteArray(R"({"":3,"a":2,"ab":1})");
    QTest::newRow("arrays keep their order")
        << QByteArray(R"([3,1,2,{"b":[{"d":1,"c":2}],"a":null}])")
        << QByteArray(R"([3,1,2,{"a":null,"b":[{"c":2,"d":1}]}])");
    QTest::newRow("empty containers")
        << QByteArray(R"({"b":{},"a":[]})") << QByteArray(R"({"a":[],"b":{}})");
    QTest::newRow("top-level scalar")
        << QByteArray(" 12345678901234567890.5e-3 ") << QByteArray("12345678901234567890.5e-3");
    QTest::newRow("byte order mark and whitespace")
        << QByteArray("\xEF\xBB\xBF {\r\n\t\"b\" : true ,\n \"a\" : false }\n")
        << QByteArray(R"({"a":false,"b":true})");
}

void TestJsonSort::sortsInputs()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);

    QCOMPARE(sortedMinified(input), expected);
}

void TestJsonSort::prettyPrintsWithTheRequestedIndent()
{
    const FormatOutcome outcome = formatSorted(R"({"b":[1,2],"a":{"d":null,"c":"x"}})", {4, false});

    QVERIFY(!outcome.error);
    QCOMPARE(outcome.text,
             QByteArray("{\n    \"a\": {\n        \"c\": \"x\",\n        \"d\": null\n"
                        "    },\n    \"b\": [\n        1,\n        2\n    ]\n}"));
}

void TestJsonSort::reportsInvalidJsonLikeFormat()
{
    const QByteArray input = "{\"b\": 1,\n \"a\": [1, 2,]}";

    const FormatOutcome sorted = formatSorted(input);
    const FormatOutcome plain = format(input);

    QVERIFY(sorted.error);
    QCOMPARE(sorted.text, QByteArray());
    QCOMPARE(sorted.error->describe(), plain.error->describe());
    QCOMPARE(sorted.error->line, 2);
}

void TestJsonSort::handlesHundredThousandNestedObjects()
{
    // Each level has its members out of order; every one must be sorted without recursion.
    constexpr int kDepth = 100'000;
    QByteArray input;
    for (int i = 0; i < kDepth; ++i)
        input += R"({"z":1,"a":)";
    input += "0";
    for (int i = 0; i < kDepth; ++i)
        input += "}";

    QByteArray expected;
    for (int i = 0; i < kDepth; ++i)
        expected += R"({"a":)";
    expected += "0";
    for (int i = 0; i < kDepth; ++i)
        expected += R"(,"z":1})";

    QCOMPARE(sortedMinified(input), expected);
}

void TestJsonSort::handlesHundredThousandNestedArrays()
{
    constexpr int kDepth = 100'000;
    const QByteArray input = QByteArray(kDepth, '[') + QByteArray(kDepth, ']');

    const FormatOutcome outcome = formatSorted(input);

    QVERIFY(!outcome.error);
    QCOMPARE(outcome.text, format(input).text);
}

QTEST_GUILESS_MAIN(TestJsonSort)
#include "tst_jsonsort.moc"
