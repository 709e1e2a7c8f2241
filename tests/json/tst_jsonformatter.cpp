#include "core/json/formatter.h"
#include "core/json/jsonformatter.h"

#include <QFile>
#include <QTest>

using namespace ferry::json;

namespace {

QByteArray readData(const QString &name)
{
    QFile file(QStringLiteral(FERRY_TEST_DATA_DIR "/json/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read test data %s", qPrintable(file.fileName()));
    return file.readAll();
}

// The expected files end with a line break, as the command line prints them; format() does not.
QByteArray withoutFinalNewline(QByteArray text)
{
    if (text.endsWith('\n'))
        text.chop(1);
    return text;
}

QByteArray pretty(QByteArrayView input, int indent = 2)
{
    const FormatOutcome outcome = format(input, {indent, false});
    if (outcome.error)
        qWarning("unexpected error: %s", qPrintable(outcome.error->describe()));
    return outcome.text;
}

QByteArray minified(QByteArrayView input)
{
    const FormatOutcome outcome = format(input, {2, true});
    if (outcome.error)
        qWarning("unexpected error: %s", qPrintable(outcome.error->describe()));
    return outcome.text;
}

// What a streaming consumer sees when the text arrives in the given pieces.
FormatOutcome formatPieces(const QList<QByteArrayView> &pieces, const FormatOptions &options = {})
{
    Formatter formatter(options);
    for (QByteArrayView piece : pieces)
        formatter.feed(piece);
    formatter.finish();
    return {formatter.takeOutput(), formatter.error()};
}

FormatOutcome formatByteByByte(QByteArrayView input, const FormatOptions &options = {})
{
    QList<QByteArrayView> pieces;
    for (qsizetype i = 0; i < input.size(); ++i)
        pieces.append(input.sliced(i, 1));
    return formatPieces(pieces, options);
}

QByteArray nested(QByteArrayView open, QByteArrayView middle, QByteArrayView close, int depth)
{
    QByteArray text;
    text.reserve((open.size() + close.size()) * depth + middle.size());
    for (int i = 0; i < depth; ++i)
        text += open;
    text += middle;
    for (int i = 0; i < depth; ++i)
        text += close;
    return text;
}

// A document with something awkward in nearly every byte: a byte order mark, CR LF and tab
// whitespace, escapes of every kind, two-, three- and four-byte UTF-8, numbers with
// fractions and exponents, all literals and empty containers.
const QByteArray kTricky =
    "\xEF\xBB\xBF{\r\n\t\"caf\xC3\xA9\" : [ 0, -0.0, 12345678901234567890123, "
    "1E+2, 0.1e-7, -3.5E-10 ],\r\n"
    "\"esc\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\uD83D\\uDE00\","
    "\"\xE6\x97\xA5\xE6\x9C\xAC\":\"\xF0\x9F\x98\x80 \xE2\x82\xAC\","
    "\"e\":{},\"a\":[ ],\"l\":[true,false,null],"
    "\"deep\":[[{\"x\":[{}]}]]}\n";

} // namespace

class TestJsonFormatter final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void prettyPrintsAnApiResponse();
    void indentFourAndMinify();
    void indentZeroPutsEachValueOnItsOwnLine();
    void indentIsNarrowedToTheSupportedRange();
    void keepsNumbersExactly_data();
    void keepsNumbersExactly();
    void keepsStringsExactly_data();
    void keepsStringsExactly();
    void keepsKeyOrderAndDuplicateKeys();
    void printsEmptyContainersCompactly();
    void nestedArraysOfObjects();
    void whitespaceVariantsGiveTheSameOutput();
    void minifyRemovesAllWhitespace();
    void acceptsValidEdgeCases_data();
    void acceptsValidEdgeCases();
    void dropsTheByteOrderMark();
    void handlesHundredThousandNestedArrays();
    void handlesHundredThousandNestedObjects();
    void reportsTruncatedDeepNesting();
    void deepIndentationStopsGrowing();
    void chunkBoundariesDoNotChangeTheOutput();
    void feedingByteByByteGivesTheSameOutput();
    void sinkReceivesTheOutputAfterEveryChunk();
    void sinkGetsLargeOutputInPieces();
    void stopsAtTheFirstError();
    void validateOnlyProducesNoOutput();
    void rejectsInvalidJson_data();
    void rejectsInvalidJson();
    void describeNamesLineColumnAndReason();
    void looksLikeJson_data();
    void looksLikeJson();
};

void TestJsonFormatter::prettyPrintsAnApiResponse()
{
    const QByteArray input = readData(QStringLiteral("sample.json"));
    const FormatOutcome outcome = format(input);

    QVERIFY2(!outcome.error, qPrintable(outcome.error ? outcome.error->describe() : QString()));
    QCOMPARE(outcome.text, withoutFinalNewline(readData(QStringLiteral("sample.indent2.json"))));
}

void TestJsonFormatter::indentFourAndMinify()
{
    const QByteArray input = readData(QStringLiteral("sample.json"));

    QCOMPARE(pretty(input, 4),
             withoutFinalNewline(readData(QStringLiteral("sample.indent4.json"))));
    QCOMPARE(minified(input), withoutFinalNewline(readData(QStringLiteral("sample.min.json"))));
}

void TestJsonFormatter::indentZeroPutsEachValueOnItsOwnLine()
{
    QCOMPARE(pretty(R"({"a":[1,{"b":null}],"c":{}})", 0),
             QByteArray("{\n\"a\": [\n1,\n{\n\"b\": null\n}\n],\n\"c\": {}\n}"));
}

void TestJsonFormatter::indentIsNarrowedToTheSupportedRange()
{
    const QByteArray input = R"({"a":[1]})";

    QCOMPARE(pretty(input, 40), pretty(input, kMaxIndent));
    QCOMPARE(pretty(input, -3), pretty(input, 0));
}

void TestJsonFormatter::keepsNumbersExactly_data()
{
    QTest::addColumn<QByteArray>("number");

    // Each of these changes its text when converted to a double and back.
    QTest::newRow("beyond 64 bits") << QByteArray("12345678901234567890123");
    QTest::newRow("overflows a double") << QByteArray("1e400");
    QTest::newRow("negative zero") << QByteArray("-0.0");
    QTest::newRow("negative zero integer") << QByteArray("-0");
    QTest::newRow("small with exponent") << QByteArray("0.1e-7");
    QTest::newRow("capital exponent with plus") << QByteArray("1E+2");
    QTest::newRow("many digits") << QByteArray(
        "3.14159265358979323846264338327950288419716939937510");
    QTest::newRow("trailing zeros") << QByteArray("2.50000");
    QTest::newRow("tiny") << QByteArray("4.9e-324000");
}

void TestJsonFormatter::keepsNumbersExactly()
{
    QFETCH(QByteArray, number);

    QCOMPARE(pretty(number), number);
    QCOMPARE(minified(" [ " + number + " ] "), "[" + number + "]");
    QCOMPARE(pretty(R"({"n":)" + number + "}"), "{\n  \"n\": " + number + "\n}");
}

void TestJsonFormatter::keepsStringsExactly_data()
{
    QTest::addColumn<QByteArray>("string");

    QTest::newRow("quote and backslash") << QByteArray(R"("say \"hi\" \\ bye")");
    QTest::newRow("escaped solidus") << QByteArray(R"("a\/b")");
    QTest::newRow("short escapes") << QByteArray(R"("\b\f\n\r\t")");
    QTest::newRow("unicode escape lower case") << QByteArray(R"("caf\u00e9")");
    QTest::newRow("unicode escape upper case") << QByteArray(R"("caf\u00E9")");
    QTest::newRow("escaped surrogate pair") << QByteArray(R"("\uD83D\uDE00")");
    QTest::newRow("escaped nul") << QByteArray(R"("\u0000")");
    QTest::newRow("raw accents") << QByteArray("\"Zo\xC3\xAB and na\xC3\xAFve\"");
    QTest::newRow("raw cjk") << QByteArray("\"\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\"");
    QTest::newRow("raw emoji") << QByteArray("\"\xF0\x9F\x8E\x89\xF0\x9F\x98\x80\"");
    QTest::newRow("json inside a string") << QByteArray(R"("{\"a\": [1, 2]}")");
    QTest::newRow("brackets and commas") << QByteArray(R"("[{,:}]")");
    QTest::newRow("long") << ("\"" + QByteArray(5000, 'x') + "\\n" + QByteArray(3000, 'y')
                              + "\xC3\xA9\"");
}

void TestJsonFormatter::keepsStringsExactly()
{
    QFETCH(QByteArray, string);

    QCOMPARE(pretty(string), string);
    QCOMPARE(pretty("[" + string + "]"), "[\n  " + string + "\n]");
    QCOMPARE(minified("{ " + string + " : " + string + " }"), "{" + string + ":" + string + "}");
}

void TestJsonFormatter::keepsKeyOrderAndDuplicateKeys()
{
    QCOMPARE(pretty(R"({"zeta":1,"alpha":2,"zeta":3,"mid":4})"),
             QByteArray("{\n  \"zeta\": 1,\n  \"alpha\": 2,\n  \"zeta\": 3,\n  \"mid\": 4\n}"));
}

void TestJsonFormatter::printsEmptyContainersCompactly()
{
    QCOMPARE(pretty("{}"), QByteArray("{}"));
    QCOMPARE(pretty("[]"), QByteArray("[]"));
    QCOMPARE(pretty("{ \r\n\t }"), QByteArray("{}"));
    QCOMPARE(pretty("[\n\n]"), QByteArray("[]"));
    QCOMPARE(pretty(R"([[],{},[{}]])"), QByteArray("[\n  [],\n  {},\n  [\n    {}\n  ]\n]"));
    QCOMPARE(pretty(R"({"a":{},"b":[ ]})"), QByteArray("{\n  \"a\": {},\n  \"b\": []\n}"));
}

void TestJsonFormatter::nestedArraysOfObjects()
{
    const QByteArray input =
        R"([{"id":1,"tags":["x","y"],"owner":{"name":"Ann"}},{"id":2,"tags":[]}])";
    const QByteArray expected = "[\n"
                                "  {\n"
                                "    \"id\": 1,\n"
                                "    \"tags\": [\n"
                                "      \"x\",\n"
                                "      \"y\"\n"
                                "    ],\n"
                                "    \"owner\": {\n"
                                "      \"name\": \"Ann\"\n"
                                "    }\n"
                                "  },\n"
                                "  {\n"
                                "    \"id\": 2,\n"
                                "    \"tags\": []\n"
                                "  }\n"
                                "]";

    QCOMPARE(pretty(input), expected);
}

void TestJsonFormatter::whitespaceVariantsGiveTheSameOutput()
{
    const QByteArray compact = R"({"a":[1,true,{"b":"c d"}],"e":null})";
    const QList<QByteArray> variants = {
        "  {  \"a\"  :  [  1  ,  true  ,  {  \"b\"  :  \"c d\"  }  ]  ,  \"e\"  :  null  }  ",
        "{\n\t\"a\":\n\t[\n\t\t1,\n\t\ttrue,\n\t\t{\"b\":\"c d\"}\n\t],\n\t\"e\":null\n}\n",
        "{\r\n\"a\":[1,\r\ntrue,{\"b\"\r:\"c d\"}],\"e\":null}\r\n",
        "\n\n\n{\"a\":[1,true,{\"b\":\"c d\"}],\"e\":null}\n\n\n",
    };
    for (const QByteArray &variant : variants)
        QCOMPARE(pretty(variant), pretty(compact));
}

void TestJsonFormatter::minifyRemovesAllWhitespace()
{
    const QByteArray input = "{\n  \"a b\": [\n    1,\n    \" spaced \"\n  ],\n\t\"c\" : { }\r\n}";

    QCOMPARE(minified(input), QByteArray(R"({"a b":[1," spaced "],"c":{}})"));
    QCOMPARE(minified(pretty(input, 4)), minified(input));
}

void TestJsonFormatter::acceptsValidEdgeCases_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("top-level number") << QByteArray("  42  ") << QByteArray("42");
    QTest::newRow("top-level string") << QByteArray("\n\"x\"\n") << QByteArray("\"x\"");
    QTest::newRow("top-level literal") << QByteArray("null") << QByteArray("null");
    QTest::newRow("empty key and value")
        << QByteArray(R"({"":""})") << QByteArray("{\n  \"\": \"\"\n}");
    // RFC 8259 allows a lone surrogate escape; it is kept as written.
    QTest::newRow("lone surrogate escape")
        << QByteArray(R"(["\uD83D"])") << QByteArray("[\n  \"\\uD83D\"\n]");
    QTest::newRow("delete character") << QByteArray("[\"\x7F\"]") << QByteArray("[\n  \"\x7F\"\n]");
    QTest::newRow("largest code point")
        << QByteArray("\"\xF4\x8F\xBF\xBF\"") << QByteArray("\"\xF4\x8F\xBF\xBF\"");
}

void TestJsonFormatter::acceptsValidEdgeCases()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);

    const FormatOutcome outcome = format(input);
    QVERIFY2(!outcome.error, qPrintable(outcome.error ? outcome.error->describe() : QString()));
    QCOMPARE(outcome.text, expected);
    QVERIFY(!validate(input));
}

void TestJsonFormatter::dropsTheByteOrderMark()
{
    QCOMPARE(pretty("\xEF\xBB\xBF{\"a\":1}"), QByteArray("{\n  \"a\": 1\n}"));
    QCOMPARE(minified("\xEF\xBB\xBF [1]"), QByteArray("[1]"));
    QVERIFY(!validate("\xEF\xBB\xBF\"text\""));
}

void TestJsonFormatter::handlesHundredThousandNestedArrays()
{
    const int depth = 100'000;
    const QByteArray input = nested("[", "", "]", depth);

    QVERIFY(!validate(input));
    QCOMPARE(minified(input), input);

    const FormatOutcome outcome = format(input);
    QVERIFY(!outcome.error);
    // Every array but the innermost, empty one opens and closes on its own line.
    QCOMPARE(outcome.text.count('\n') + 1, qsizetype(2 * (depth - 1) + 1));
    QCOMPARE(minified(outcome.text), input);
}

void TestJsonFormatter::handlesHundredThousandNestedObjects()
{
    const QByteArray input = nested(R"({"a":)", "1", "}", 100'000);

    QVERIFY(!validate(input));
    QCOMPARE(minified(input), input);
    QCOMPARE(minified(pretty(input)), input);
}

void TestJsonFormatter::reportsTruncatedDeepNesting()
{
    const QByteArray input(100'000, '[');

    const std::optional<SyntaxError> error = validate(input);
    QVERIFY(error);
    QCOMPARE(error->line, 1);
    QCOMPARE(error->column, 100'001);
    QCOMPARE(error->offset, qint64(100'000));
    QCOMPARE(error->reason, QStringLiteral("unexpected end of input: expected a value or ']'"));
}

void TestJsonFormatter::deepIndentationStopsGrowing()
{
    // Indentation is capped so that a small, deeply nested body cannot turn into gigabytes
    // of spaces; the structure is still one value per line.
    const QList<QByteArray> lines = pretty(nested("[", "1", "]", 300)).split('\n');

    QCOMPARE(lines.size(), qsizetype(601));
    QCOMPARE(lines.at(10), QByteArray(20, ' ') + '[');
    QCOMPARE(kMaxIndentedDepth, 128);
    QCOMPARE(lines.at(127), QByteArray(254, ' ') + '[');
    QCOMPARE(lines.at(128), QByteArray(256, ' ') + '[');
    QCOMPARE(lines.at(300), QByteArray(256, ' ') + '1');
    QCOMPARE(lines.at(599), QByteArray(2, ' ') + ']');
}

void TestJsonFormatter::chunkBoundariesDoNotChangeTheOutput()
{
    const FormatOutcome whole = format(kTricky);
    QVERIFY2(!whole.error, qPrintable(whole.error ? whole.error->describe() : QString()));
    const FormatOutcome wholeMinified = format(kTricky, {2, true});

    const QByteArrayView input(kTricky);
    for (qsizetype split = 0; split <= input.size(); ++split) {
        const QList<QByteArrayView> pieces = {input.first(split), input.sliced(split)};
        const FormatOutcome outcome = formatPieces(pieces);
        QVERIFY2(!outcome.error,
                 qPrintable(QStringLiteral("split at %1: %2")
                                .arg(split)
                                .arg(outcome.error ? outcome.error->describe() : QString())));
        QCOMPARE(outcome.text, whole.text);
        QCOMPARE(formatPieces(pieces, {2, true}).text, wholeMinified.text);
    }
}

void TestJsonFormatter::feedingByteByByteGivesTheSameOutput()
{
    const FormatOutcome outcome = formatByteByByte(kTricky);

    QVERIFY(!outcome.error);
    QCOMPARE(outcome.text, format(kTricky).text);
    QCOMPARE(formatByteByByte(kTricky, {4, false}).text, format(kTricky, {4, false}).text);
}

void TestJsonFormatter::sinkReceivesTheOutputAfterEveryChunk()
{
    const QByteArray input = readData(QStringLiteral("sample.json"));
    Formatter formatter;
    QByteArray received;
    int calls = 0;
    formatter.setSink([&](QByteArrayView text) {
        received += text;
        ++calls;
    });

    qint64 fed = 0;
    for (qsizetype at = 0; at < input.size(); at += 7) {
        const QByteArrayView chunk =
            QByteArrayView(input).sliced(at, qMin<qsizetype>(7, input.size() - at));
        QVERIFY(formatter.feed(chunk));
        fed += chunk.size();
        QCOMPARE(formatter.bytesConsumed(), fed);
    }
    QVERIFY(formatter.finish());

    QCOMPARE(received, format(input).text);
    QVERIFY(calls > 10); // output arrived while feeding, not all at the end
    QVERIFY(formatter.takeOutput().isEmpty());
}

void TestJsonFormatter::sinkGetsLargeOutputInPieces()
{
    // One chunk that expands a lot (deep indentation for every element) must not be held in
    // memory as a whole when a sink is consuming the output.
    QByteArray elements = "0";
    for (int i = 0; i < 20'000; ++i)
        elements += ",0";
    const QByteArray input = nested("[", elements, "]", 100);
    Formatter formatter({16, false});
    QByteArray received;
    qsizetype largestPiece = 0;
    int calls = 0;
    formatter.setSink([&](QByteArrayView text) {
        received += text;
        largestPiece = qMax(largestPiece, text.size());
        ++calls;
    });

    QVERIFY(formatter.feed(input));
    const int callsDuringFeed = calls;
    QVERIFY(formatter.finish());

    QVERIFY(received.size() > 30'000'000);
    QVERIFY(callsDuringFeed > 10);
    QVERIFY(largestPiece < 2 * 1024 * 1024);
    QCOMPARE(received, format(input, {16, false}).text);
}

void TestJsonFormatter::stopsAtTheFirstError()
{
    Formatter formatter;
    QVERIFY(formatter.feed("[1, 2"));
    QVERIFY(!formatter.feed(", 03, x"));
    QVERIFY(formatter.hasError());
    const SyntaxError first = *formatter.error();

    QVERIFY(!formatter.feed("]"));
    QVERIFY(!formatter.finish());
    QCOMPARE(formatter.error()->offset, first.offset);
    QCOMPARE(first.offset, qint64(8));
    QCOMPARE(first.reason, QStringLiteral("leading zeros are not allowed in numbers"));
}

void TestJsonFormatter::validateOnlyProducesNoOutput()
{
    Formatter validator({}, Formatter::Mode::ValidateOnly);
    QVERIFY(validator.feed(readData(QStringLiteral("sample.json"))));
    QVERIFY(validator.finish());
    QVERIFY(validator.takeOutput().isEmpty());
    QVERIFY(!validator.hasError());
}

void TestJsonFormatter::rejectsInvalidJson_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<qint64>("offset");
    QTest::addColumn<QString>("reason");

    const auto row = [](const char *name, const QByteArray &input, int line, int column,
                        qint64 offset, const QString &reason) {
        QTest::newRow(name) << input << line << column << offset << reason;
    };
    const QString emptyInput = QStringLiteral("empty input: expected a JSON value");
    const QString leadingZeros = QStringLiteral("leading zeros are not allowed in numbers");
    const QString trailingCommaArray =
        QStringLiteral("trailing comma before ']': a ',' must be followed by another element");
    const QString trailingCommaObject =
        QStringLiteral("trailing comma before '}': a ',' must be followed by another member");
    const QString singleQuotes =
        QStringLiteral("strings must be in double quotes, not single quotes");
    const QString comments = QStringLiteral("comments are not allowed in JSON");
    const QString badEscape = QStringLiteral("invalid escape %1 in a string (valid escapes are "
                                             "\\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX)");

    // Empty and truncated input: the position is the end of the text.
    row("empty", "", 1, 1, 0, emptyInput);
    row("only whitespace", " \n\t ", 2, 3, 4, emptyInput);
    row("only a byte order mark", "\xEF\xBB\xBF", 1, 1, 3, emptyInput);
    row("unterminated string", "[\"abc", 1, 6, 5,
        QStringLiteral("unexpected end of input inside a string (no closing '\"')"));
    row("unclosed array", "{\"a\": [1, 2", 1, 12, 11,
        QStringLiteral("unexpected end of input: expected ',' or ']'"));
    row("unclosed object", "{\"a\": 1", 1, 8, 7,
        QStringLiteral("unexpected end of input: expected ',' or '}'"));
    row("cut literal", "[tr", 1, 4, 3, QStringLiteral("unexpected end of input inside 'true'"));
    row("cut number", "[1.", 1, 4, 3, QStringLiteral("unexpected end of input inside a number"));
    row("value missing at end", "{\"a\":", 1, 6, 5,
        QStringLiteral("unexpected end of input: expected a value after ':'"));
    row("colon missing at end", "{\"a\"\n", 2, 1, 5,
        QStringLiteral("unexpected end of input: expected ':' after the object key"));

    // Numbers.
    row("leading zero", "[01]", 1, 3, 2, leadingZeros);
    row("negative leading zero", "{\"n\": -012}", 1, 9, 8, leadingZeros);
    row("plus sign", "[+1]", 1, 2, 1, QStringLiteral("numbers cannot start with '+'"));
    row("leading point", "[.5]", 1, 2, 1,
        QStringLiteral("numbers must start with a digit (write 0.5, not .5)"));
    row("point without digits", "[1.e3]", 1, 4, 3,
        QStringLiteral("expected a digit after the decimal point, found 'e'"));
    row("accent after the decimal point", "[1.\xC3\xA9]", 1, 4, 3,
        QStringLiteral("expected a digit after the decimal point, found '\u00E9' (U+00E9)"));
    row("exponent without digits", "[1e+]", 1, 5, 4,
        QStringLiteral("expected a digit in the exponent, found ']'"));
    row("lone minus", "[-]", 1, 3, 2, QStringLiteral("expected a digit after '-', found ']'"));
    row("NaN", "[NaN]", 1, 2, 1, QStringLiteral("NaN is not valid JSON (use null or a string)"));
    row("Infinity", "{\"x\": Infinity}", 1, 7, 6,
        QStringLiteral("Infinity is not valid JSON (use null or a string)"));
    row("-Infinity", "[-Infinity]", 1, 3, 2,
        QStringLiteral("-Infinity is not valid JSON (use null or a string)"));

    // Punctuation.
    row("trailing comma in array", "[1, 2,]", 1, 7, 6, trailingCommaArray);
    row("trailing comma in object", "{\"a\": 1,\n}", 2, 1, 9, trailingCommaObject);
    row("missing comma in array", "[1 2]", 1, 4, 3,
        QStringLiteral("missing ',' between array elements"));
    row("missing comma in object", "{\"a\": 1 \"b\": 2}", 1, 9, 8,
        QStringLiteral("missing ',' between object members"));
    row("missing colon", "{\"a\" 1}", 1, 6, 5,
        QStringLiteral("expected ':' after the object key, found '1'"));
    row("key without value", "{\"a\":1,\"b\"}", 1, 11, 10,
        QStringLiteral("expected ':' after the object key, found '}'"));
    row("mismatched bracket", "[1}", 1, 3, 2,
        QStringLiteral("expected ',' or ']' after an array element, found '}'"));
    row("mismatched brace", "{\"a\": [}", 1, 8, 7,
        QStringLiteral("expected a value or ']', found '}'"));
    row("leading comma in array", "[,1]", 1, 2, 1,
        QStringLiteral("expected a value or ']', found ','"));
    row("leading comma in object", "{,}", 1, 2, 1,
        QStringLiteral("expected a string key or '}', found ','"));
    row("closing without opening", "]", 1, 1, 0,
        QStringLiteral("expected a JSON value, found ']'"));

    // Quotes, keys and words.
    row("single-quoted value", "['a']", 1, 2, 1, singleQuotes);
    row("single-quoted key", "{'a': 1}", 1, 2, 1, singleQuotes);
    row("unquoted key", "{a: 1}", 1, 2, 1,
        QStringLiteral("object keys must be strings in double quotes"));
    row("misspelt literal", "[nul]", 1, 5, 4, QStringLiteral("invalid literal: expected 'null'"));
    row("capitalised literal", "[True]", 1, 2, 1,
        QStringLiteral("unexpected 'T': expected a value (text needs double quotes; the literals "
                       "are true, false and null)"));
    row("curly quotes",
        "{\"a\": \xE2\x80\x9C"
        "b\xE2\x80\x9D}",
        1, 7, 6,
        QStringLiteral("curly quote '\u201C' (U+201C) is not valid JSON; use straight double "
                       "quotes (\")"));
    row("cut character at the end", "[\xC3", 1, 2, 1,
        QStringLiteral("expected a value or ']', found byte 0xC3, which is not valid UTF-8"));
    row("non-ASCII outside a string", "[\"ok\", \xC3\xA9]", 1, 8, 7,
        QStringLiteral("expected a value after ',', found '\u00E9' (U+00E9)"));
    row("control character outside a string", "[1,\x01 2]", 1, 4, 3,
        QStringLiteral("expected a value after ',', found control character U+0001"));

    // Comments and text after the value.
    row("line comment first", "// list\n[]", 1, 1, 0, comments);
    row("block comment after the value", "[1] /* done */", 1, 5, 4, comments);
    row("comment inside an object", "{\"a\": 1 // one\n}", 1, 9, 8, comments);
    row("garbage after the value", "{\"a\": 1} x", 1, 10, 9,
        QStringLiteral("unexpected 'x' after the JSON value (only whitespace may follow it)"));
    row("second value", "{} {}", 1, 4, 3,
        QStringLiteral("unexpected '{' after the JSON value (only whitespace may follow it)"));

    // Inside strings.
    row("raw line break in a string", "[\"line\nbreak\"]", 1, 7, 6,
        QStringLiteral("unescaped control character U+000A in a string (write it as \\n)"));
    row("raw tab in a string", "[\"a\tb\"]", 1, 4, 3,
        QStringLiteral("unescaped control character U+0009 in a string (write it as \\t)"));
    row("raw control character in a string", "[\"a\x01\"]", 1, 4, 3,
        QStringLiteral("unescaped control character U+0001 in a string (write it as \\u0001)"));
    row("unknown escape", "[\"\\x\"]", 1, 4, 3, badEscape.arg(QStringLiteral("'\\x'")));
    row("escaped single quote", "[\"\\'\"]", 1, 4, 3, badEscape.arg(QStringLiteral("'\\''")));
    row("escaped emoji", "[\"\\\xF0\x9F\x98\x80\"]", 1, 4, 3,
        badEscape.arg(QStringLiteral("'\U0001F600' (U+1F600)")));
    row("non-hex unicode escape", "[\"\\u12G4\"]", 1, 7, 6,
        QStringLiteral("invalid \\u escape: expected 4 hexadecimal digits, found 'G'"));
    row("short unicode escape", "[\"\\u12\"]", 1, 7, 6,
        QStringLiteral("invalid \\u escape: expected 4 hexadecimal digits, found '\"'"));

    // Invalid UTF-8 inside strings: the position is the broken character's first byte.
    row("stray continuation byte", "[\"\x80\"]", 1, 3, 2,
        QStringLiteral("invalid UTF-8 in a string: unexpected continuation byte 0x80"));
    row("overlong two-byte form", "[\"\xC0\xAF\"]", 1, 3, 2,
        QStringLiteral("invalid UTF-8 in a string: overlong encoding (byte 0xC0)"));
    row("overlong three-byte form", "[\"\xE0\x80\xAF\"]", 1, 3, 2,
        QStringLiteral("invalid UTF-8 in a string: overlong encoding"));
    row("incomplete sequence", "[\"\xC3\"]", 1, 3, 2,
        QStringLiteral("invalid UTF-8 in a string: incomplete multi-byte sequence"));
    row("incomplete sequence after text", "[\"ab\xE2\x82\"]", 1, 5, 4,
        QStringLiteral("invalid UTF-8 in a string: incomplete multi-byte sequence"));
    row("encoded surrogate", "[\"\xED\xA0\x80\"]", 1, 3, 2,
        QStringLiteral("invalid UTF-8 in a string: encoded UTF-16 surrogate"));
    row("above U+10FFFF", "[\"\xF4\x90\x80\x80\"]", 1, 3, 2,
        QStringLiteral("invalid UTF-8 in a string: code point above U+10FFFF"));
    row("impossible byte", "[\"\xF5\"]", 1, 3, 2,
        QStringLiteral("invalid UTF-8 in a string: byte 0xF5 never appears in UTF-8"));

    // Positions: columns count characters, offsets count bytes, every line break counts.
    row("columns count characters", "{\"\xC3\xA9t\xC3\xA9\": \"\xE6\x97\xA5\xE6\x9C\xAC\", x}", 1,
        15, 20, QStringLiteral("object keys must be strings in double quotes"));
    row("emoji is one column", "[\"\xF0\x9F\x98\x80\", 01]", 1, 8, 10, leadingZeros);
    row("CR LF line breaks", "[\r\n  1,\r\n]", 3, 1, 9, trailingCommaArray);
    row("CR line breaks", "[\r1,\r]", 3, 1, 5, trailingCommaArray);
    row("error on the third line", "{\n  \"a\": 1,\n  \"b\": [true, falsy]\n}", 3, 19, 30,
        QStringLiteral("invalid literal: expected 'false'"));
    row("byte order mark is not a column", "\xEF\xBB\xBF[01]", 1, 3, 5, leadingZeros);
    row("incomplete byte order mark", "\xEF\xBB[]", 1, 1, 0,
        QStringLiteral("expected a JSON value, found byte 0xEF, which is not valid UTF-8"));
    row("incomplete byte order mark at the end", "\xEF", 1, 1, 0,
        QStringLiteral("expected a JSON value, found byte 0xEF, which is not valid UTF-8"));
    row("replacement character first", "\xEF\xBF\xBD", 1, 1, 0,
        QStringLiteral("expected a JSON value, found '\uFFFD' (U+FFFD)"));
}

void TestJsonFormatter::rejectsInvalidJson()
{
    QFETCH(QByteArray, input);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(qint64, offset);
    QFETCH(QString, reason);

    const std::optional<SyntaxError> error = validate(input);
    QVERIFY(error);
    QCOMPARE(error->reason, reason);
    QCOMPARE(error->line, line);
    QCOMPARE(error->column, column);
    QCOMPARE(error->offset, offset);

    const FormatOutcome formatted = format(input);
    QVERIFY(formatted.error);
    QCOMPARE(formatted.error->reason, reason);

    // However the text is cut into chunks, the error and its position stay the same.
    const QByteArrayView view(input);
    for (qsizetype split = 0; split <= view.size(); ++split) {
        const FormatOutcome outcome = formatPieces({view.first(split), view.sliced(split)});
        QVERIFY(outcome.error);
        QCOMPARE(outcome.error->reason, reason);
        QCOMPARE(outcome.error->line, line);
        QCOMPARE(outcome.error->column, column);
        QCOMPARE(outcome.error->offset, offset);
    }
    const FormatOutcome byteByByte = formatByteByByte(input);
    QVERIFY(byteByByte.error);
    QCOMPARE(byteByByte.error->column, column);
    QCOMPARE(byteByByte.error->offset, offset);
}

void TestJsonFormatter::describeNamesLineColumnAndReason()
{
    const std::optional<SyntaxError> error = validate("{\n  \"a\": [1,]\n}");

    QVERIFY(error);
    QCOMPARE(error->describe(),
             QStringLiteral("line 2, column 11: trailing comma before ']': a ',' must be followed "
                            "by another element"));
}

void TestJsonFormatter::looksLikeJson_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("expected");

    // A JSON media type decides, whatever the body looks like.
    QTest::newRow("application/json") << QByteArray("application/json") << QByteArray("") << true;
    QTest::newRow("with charset") << QByteArray("application/json; charset=utf-8")
                                  << QByteArray("42") << true;
    QTest::newRow("upper case and spaces")
        << QByteArray("  Application/JSON ;charset=UTF-8") << QByteArray("null") << true;
    QTest::newRow("text/json") << QByteArray("text/json") << QByteArray("\"x\"") << true;
    QTest::newRow("problem+json") << QByteArray("application/problem+json") << QByteArray("{}")
                                  << true;
    QTest::newRow("vendor +json with parameters")
        << QByteArray("application/vnd.api+json; ext=bulk") << QByteArray("") << true;
    QTest::newRow("json-patch+json")
        << QByteArray("application/json-patch+json") << QByteArray("[]") << true;

    // No definite type: the body decides.
    QTest::newRow("no type, object body") << QByteArray() << QByteArray("{\"a\":1}") << true;
    QTest::newRow("no type, array after whitespace")
        << QByteArray() << QByteArray(" \r\n\t[1]") << true;
    QTest::newRow("no type, byte order mark")
        << QByteArray() << QByteArray("\xEF\xBB\xBF{}") << true;
    QTest::newRow("no type, text body") << QByteArray() << QByteArray("hello") << false;
    QTest::newRow("no type, empty body") << QByteArray() << QByteArray() << false;
    QTest::newRow("no type, whitespace only") << QByteArray() << QByteArray("  \n") << false;
    QTest::newRow("no type, number body") << QByteArray() << QByteArray("42") << false;
    QTest::newRow("text/plain, object body")
        << QByteArray("text/plain; charset=utf-8") << QByteArray("{\"ok\":true}") << true;
    QTest::newRow("text/plain, text body")
        << QByteArray("text/plain") << QByteArray("<html>") << false;
    QTest::newRow("octet-stream, array body")
        << QByteArray("application/octet-stream") << QByteArray("[1,2]") << true;
    QTest::newRow("malformed type, object body") << QByteArray("json") << QByteArray("{}") << true;

    // A type that clearly names another format is trusted.
    QTest::newRow("html") << QByteArray("text/html; charset=utf-8") << QByteArray("{}") << false;
    QTest::newRow("xml") << QByteArray("application/xml") << QByteArray("[]") << false;
    QTest::newRow("atom+xml") << QByteArray("application/atom+xml") << QByteArray("{}") << false;
    QTest::newRow("javascript") << QByteArray("application/javascript") << QByteArray("[1, 2]")
                                << false;
    QTest::newRow("ndjson") << QByteArray("application/x-ndjson") << QByteArray("{}\n{}\n")
                            << false;
    QTest::newRow("csv") << QByteArray("text/csv") << QByteArray("[a],b") << false;
    QTest::newRow("image") << QByteArray("image/png") << QByteArray("{") << false;
    QTest::newRow("form") << QByteArray("application/x-www-form-urlencoded") << QByteArray("{a}=1")
                          << false;
}

void TestJsonFormatter::looksLikeJson()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(bool, expected);

    QCOMPARE(ferry::json::looksLikeJson(contentType, body), expected);
}

QTEST_GUILESS_MAIN(TestJsonFormatter)
#include "tst_jsonformatter.moc"
