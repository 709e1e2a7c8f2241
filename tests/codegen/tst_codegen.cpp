#include "core/codegen/codegenutil.h"
#include "core/codegen/curlgenerator.h"
#include "core/codegen/javascript.h"
#include "core/codegen/pythonrequestsgenerator.h"
#include "core/codegen/snippet.h"

#include <QSet>
#include <QTest>

using namespace ferry;
using namespace ferry::codegen;

namespace {

Request makeRequest(const QString &method, const QString &url, const QByteArray &body = {},
                    const QList<HeaderRow> &headers = {}, const QString &contentType = {})
{
    Request request;
    request.method = method;
    request.url = url;
    request.body = body;
    request.headers = headers;
    request.contentType = contentType;
    return request;
}

QString snippet(const QString &target, const Request &request, const SnippetOptions &options = {})
{
    const Result<QString> result = generateSnippet(target, request, options);
    if (!result)
        qWarning("generateSnippet(%s) failed: %s", qPrintable(target),
                 qPrintable(result.error().message));
    return result ? result.value() : QString();
}

const QString kUrl = QStringLiteral("http://127.0.0.1:8080/items");

} // namespace

class TestCodegen final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // Registry
    void targetIdsAreTheDocumentedOnesAndUnique();
    void everyTargetGeneratesSomethingForASampleRequest();
    void generationIsDeterministic();
    void unknownTargetIsAnErrorListingTheValidIds();
    void oddRequestsNeverBreakAGenerator();

    // Shared helpers
    void utf8Validation_data();
    void utf8Validation();
    void wireUrlIsWhatTheClientSends_data();
    void wireUrlIsWhatTheClientSends();
    void repeatedHeadersJoinCaseInsensitively();

    // Shell (curl)
    void shellQuoting_data();
    void shellQuoting();
    void printfFormatKeepsEveryByte();
    void curlMethodFlags_data();
    void curlMethodFlags();
    void curlHeadUsesHeadFlagAndNoBody();
    void curlBodyStartingWithAtIsNotAFileName();
    void curlGlobsOffOnlyForBracketsAndBraces();
    void curlEmptyHeaderValueUsesSemicolon();
    void curlKeepsHeaderOrderAndDuplicates();
    void curlBodyWithNulUsesPrintf();
    void curlLayoutIsOneOptionPerLineWithTheIndent();
    void curlQuotesAMethodWithShellCharacters();
    void curlAddsNoContentTypeOfItsOwn();
    void curlLargeBodiesAvoidArgumentLimitsAndExpect();

    // Python requests
    void pythonStringLiteral_data();
    void pythonStringLiteral();
    void pythonTripleQuotedLiteral_data();
    void pythonTripleQuotedLiteral();
    void pythonBytesLiteral();
    void pythonJsonBodyIsTheExactTextNotJsonDumps();
    void pythonNonAsciiBodyAndHeaderAreEncodedAsUtf8();
    void pythonBinaryBodyIsABytesLiteral();
    void pythonJoinsRepeatedHeadersAndSaysSo();
    void pythonEmptyHeaderValueAndCustomMethod();
    void pythonRespectsIndent();
    void pythonKeepsAMixedCaseMethod();
    void pythonSaysWhenBracketsGetEncoded();
    void pythonJoinsRepeatedCookiesWithSemicolons();

    // JavaScript
    void jsStringLiteral_data();
    void jsStringLiteral();
    void jsTemplateLiteral_data();
    void jsTemplateLiteral();
    void jsHeaderValuesAreUtf8Bytes();
    void fetchKeepsHeaderOrderWithAppend();
    void fetchLeavesOutABodyOnGet();
    void fetchBinaryBodyIsAUint8Array();
    void fetchTextWithoutContentTypeIsSentAsBytes();
    void fetchBrowserNamesHeadersItControls();
    void nodeFetchLeavesOutHeadersItRefuses();
    void nodeFetchFailsTheProcessOnError();
    void jqueryJoinsRepeatedHeaders();
    void jquerySendsTheBodyAsIs();
    void jqueryWarnsAboutLowerCaseMethods();

    // Raw HTTP
    void httpMessageIsExact();
    void httpTargetAndHostFromTheUrl();
    void httpBinaryBodyIsDescribed();
    void headNeverCarriesABody();
};

void TestCodegen::targetIdsAreTheDocumentedOnesAndUnique()
{
    QSet<QString> ids;
    for (const TargetInfo &target : targets()) {
        QVERIFY2(!ids.contains(target.id), qPrintable(target.id));
        ids.insert(target.id);
        QVERIFY(!target.label.isEmpty());
        QVERIFY(!target.language.isEmpty());
        QVERIFY(!target.extension.isEmpty());
        QVERIFY(generatorFor(target.id));
        QCOMPARE(generatorFor(target.id)->info().id, target.id);
    }
    // Users' scripts name these ids; they must not change.
    const QSet<QString> contract = {QStringLiteral("curl"),
                                    QStringLiteral("js-fetch"),
                                    QStringLiteral("js-jquery"),
                                    QStringLiteral("node-fetch"),
                                    QStringLiteral("python-requests"),
                                    QStringLiteral("http")};
    QCOMPARE(ids, contract);
}

void TestCodegen::everyTargetGeneratesSomethingForASampleRequest()
{
    const Request request = makeRequest(QStringLiteral("POST"), kUrl, R"({"name":"Ferry"})",
                                        {{QStringLiteral("X-Trace"), QStringLiteral("abc")}},
                                        QStringLiteral("application/json"));
    for (const TargetInfo &target : targets()) {
        const QString text = snippet(target.id, request);
        QVERIFY2(text.contains(QStringLiteral("127.0.0.1:8080")) || text.contains(u"/items"),
                 qPrintable(target.id));
        QVERIFY2(text.contains(QStringLiteral("X-Trace")), qPrintable(target.id));
        QVERIFY2(text.contains(QStringLiteral("Ferry")), qPrintable(target.id));
        QVERIFY2(text.endsWith(u'\n') || target.id == QStringLiteral("http"),
                 qPrintable(target.id));
    }
}

void TestCodegen::generationIsDeterministic()
{
    const Request request = makeRequest(
        QStringLiteral("PUT"), kUrl, "a\nb",
        {{QStringLiteral("A"), QStringLiteral("1")}, {QStringLiteral("a"), QStringLiteral("2")}},
        QStringLiteral("text/plain"));
    for (const TargetInfo &target : targets())
        QCOMPARE(snippet(target.id, request), snippet(target.id, request));
}

void TestCodegen::unknownTargetIsAnErrorListingTheValidIds()
{
    const Result<QString> result =
        generateSnippet(u"cobol", makeRequest(QStringLiteral("GET"), kUrl));
    QVERIFY(!result.ok());
    QVERIFY(result.error().message.contains(QStringLiteral("cobol")));
    for (const TargetInfo &target : targets())
        QVERIFY2(result.error().message.contains(target.id), qPrintable(target.id));
    QCOMPARE(generatorFor(u"cobol"), nullptr);
}

void TestCodegen::oddRequestsNeverBreakAGenerator()
{
    // Generators may be called before validation (the UI updates the snippet as the user
    // types), so half-typed or broken requests must still give some text.
    QList<Request> odd = {makeRequest(QString(), QString()),
                          makeRequest(QStringLiteral("  "), QStringLiteral("not a url")),
                          makeRequest(QStringLiteral("GET"), QStringLiteral("http://")),
                          makeRequest(QStringLiteral("POST"), QStringLiteral("http://h/"),
                                      QByteArray(3, '\0'),
                                      {{QStringLiteral("X-Nul"), QString(QChar(0))},
                                       {QString(), QStringLiteral("nameless")},
                                       {QStringLiteral("X-Lone"), QString(QChar(0xD800))}})};
    for (const TargetInfo &target : targets()) {
        for (const Request &request : std::as_const(odd))
            QVERIFY2(!snippet(target.id, request).isEmpty(), qPrintable(target.id));
    }
}

void TestCodegen::utf8Validation_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("valid");
    QTest::newRow("ascii") << QByteArray("plain text") << true;
    QTest::newRow("empty") << QByteArray() << true;
    QTest::newRow("accented") << QByteArray("caf\xC3\xA9") << true;
    QTest::newRow("emoji") << QByteArray("\xF0\x9F\x9A\x80") << true;
    QTest::newRow("nul is text") << QByteArray("a\0b", 3) << true;
    QTest::newRow("lone continuation") << QByteArray("\x80") << false;
    QTest::newRow("ff") << QByteArray("\xFF") << false;
    QTest::newRow("overlong slash") << QByteArray("\xC0\xAF") << false;
    QTest::newRow("surrogate") << QByteArray("\xED\xA0\x80") << false;
    QTest::newRow("beyond U+10FFFF") << QByteArray("\xF4\x90\x80\x80") << false;
    QTest::newRow("truncated") << QByteArray("\xE2\x82") << false;
}

void TestCodegen::utf8Validation()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, valid);
    QCOMPARE(isValidUtf8(bytes), valid);
}

void TestCodegen::wireUrlIsWhatTheClientSends_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("wire");
    QTest::newRow("kept") << QStringLiteral("http://h/p?q=a%20b+c%3Ad")
                          << QStringLiteral("http://h/p?q=a%20b+c%3Ad");
    QTest::newRow("space") << QStringLiteral("http://h/a b") << QStringLiteral("http://h/a%20b");
    QTest::newRow("braces") << QStringLiteral("http://h/{id}")
                            << QStringLiteral("http://h/%7Bid%7D");
    QTest::newRow("brackets kept")
        << QStringLiteral("http://h/?a[]=1") << QStringLiteral("http://h/?a[]=1");
    QTest::newRow("fragment dropped")
        << QStringLiteral("http://h/p#part") << QStringLiteral("http://h/p");
    QTest::newRow("unicode path") << QStringLiteral("http://h/caf\u00e9")
                                  << QStringLiteral("http://h/caf%C3%A9");
    QTest::newRow("surrounding spaces")
        << QStringLiteral("  http://h/  ") << QStringLiteral("http://h/");
}

void TestCodegen::wireUrlIsWhatTheClientSends()
{
    QFETCH(QString, url);
    QFETCH(QString, wire);
    QCOMPARE(wireUrl(makeRequest(QStringLiteral("GET"), url)), wire);
}

void TestCodegen::repeatedHeadersJoinCaseInsensitively()
{
    const QList<WireHeader> joined = joinRepeatedHeaders({{"Accept", "a"},
                                                          {"X-B", "1"},
                                                          {"accept", "b"},
                                                          {"X-B", ""},
                                                          {"Cookie", "a=1"},
                                                          {"cookie", "b=2"}});
    const QList<WireHeader> expected = {{"Accept", "a, b"}, {"X-B", "1, "}, {"Cookie", "a=1; b=2"}};
    QCOMPARE(joined, expected);
    QVERIFY(hasRepeatedHeaders({{"A", "1"}, {"a", "2"}}));
    QVERIFY(!hasRepeatedHeaders({{"A", "1"}, {"B", "2"}}));
}

void TestCodegen::shellQuoting_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("quoted");
    QTest::newRow("plain") << QByteArray("hello") << QStringLiteral("'hello'");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("''");
    QTest::newRow("single quote") << QByteArray("it's") << QStringLiteral("'it'\\''s'");
    QTest::newRow("double quotes and backslash")
        << QByteArray(R"(say "hi" \n)") << QStringLiteral(R"('say "hi" \n')");
    QTest::newRow("dollar and backticks")
        << QByteArray("$HOME `id` $(id) !!") << QStringLiteral("'$HOME `id` $(id) !!'");
    QTest::newRow("real newline stays") << QByteArray("a\nb") << QStringLiteral("'a\nb'");
    QTest::newRow("emoji stays") << QByteArray("\xF0\x9F\x9A\x80")
                                 << QStringLiteral("'\U0001F680'");
    QTest::newRow("tab") << QByteArray("a\tb") << QStringLiteral("$'a\\tb'");
    QTest::newRow("carriage return") << QByteArray("a\r\nb") << QStringLiteral("$'a\\r\\nb'");
    QTest::newRow("control byte") << QByteArray("a\x01z") << QStringLiteral("$'a\\x01z'");
    QTest::newRow("invalid utf-8 keeps valid text")
        << QByteArray("\xC3\xA9\xFF'\\") << QStringLiteral("$'\u00e9\\xFF\\'\\\\'");
    QTest::newRow("escape followed by hex letter") << QByteArray("\x01"
                                                                 "ab\xFE"
                                                                 "c")
                                                   << QStringLiteral("$'\\x01ab\\xFEc'");
}

void TestCodegen::shellQuoting()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, quoted);
    QCOMPARE(shellQuoted(bytes), quoted);
}

void TestCodegen::printfFormatKeepsEveryByte()
{
    QCOMPARE(printfFormat(QByteArray("a\0b%c'\\\xFF\n", 9)),
             QStringLiteral("'a\\000b%%c\\047\\\\\\377\\012'"));
    // Three octal digits always, so a following digit is not read as part of the escape.
    QCOMPARE(printfFormat(QByteArray("\0"
                                     "7",
                                     2)),
             QStringLiteral("'\\0007'"));
}

void TestCodegen::curlMethodFlags_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("flag");
    QTest::newRow("GET without body") << QStringLiteral("GET") << QByteArray() << QString();
    QTest::newRow("POST with body") << QStringLiteral("POST") << QByteArray("x") << QString();
    QTest::newRow("GET with body")
        << QStringLiteral("GET") << QByteArray("x") << QStringLiteral("--request GET");
    QTest::newRow("POST without body")
        << QStringLiteral("POST") << QByteArray() << QStringLiteral("--request POST");
    QTest::newRow("lower-case delete")
        << QStringLiteral("delete") << QByteArray() << QStringLiteral("--request DELETE");
    QTest::newRow("PROPFIND") << QStringLiteral("PROPFIND") << QByteArray("<x/>")
                              << QStringLiteral("--request PROPFIND");
    QTest::newRow("custom keeps case")
        << QStringLiteral("MyMethod") << QByteArray() << QStringLiteral("--request MyMethod");
}

void TestCodegen::curlMethodFlags()
{
    QFETCH(QString, method);
    QFETCH(QByteArray, body);
    QFETCH(QString, flag);
    const QString text = snippet(QStringLiteral("curl"), makeRequest(method, kUrl, body));
    if (flag.isEmpty())
        QVERIFY2(!text.contains(u"--request"), qPrintable(text));
    else
        QVERIFY2(text.contains(flag + QStringLiteral(" \\\n")), qPrintable(text));
}

void TestCodegen::curlHeadUsesHeadFlagAndNoBody()
{
    const QString text = snippet(QStringLiteral("curl"), makeRequest(QStringLiteral("head"), kUrl));
    QCOMPARE(text, QStringLiteral(
                       "curl --head \\\n  --url 'http://127.0.0.1:8080/items' \\\n  --location\n"));

    // A body cannot go with --head; the snippet says so instead of hanging or failing.
    const QString withBody =
        snippet(QStringLiteral("curl"), makeRequest(QStringLiteral("HEAD"), kUrl, "x"));
    QVERIFY(withBody.startsWith(u"# "));
    QVERIFY(!withBody.contains(u"--data"));
}

void TestCodegen::curlBodyStartingWithAtIsNotAFileName()
{
    const QString text =
        snippet(QStringLiteral("curl"), makeRequest(QStringLiteral("PUT"), kUrl, "@/etc/passwd"));
    QVERIFY2(text.contains(u"--data-raw '@/etc/passwd'"), qPrintable(text));
    QVERIFY(!text.contains(u"--data ") && !text.contains(u"-d "));
}

void TestCodegen::curlGlobsOffOnlyForBracketsAndBraces()
{
    const QString brackets =
        snippet(QStringLiteral("curl"),
                makeRequest(QStringLiteral("GET"), QStringLiteral("http://h/?filter[name]=x")));
    QVERIFY2(brackets.contains(u"--globoff"), qPrintable(brackets));
    QVERIFY(brackets.contains(u"'http://h/?filter[name]=x'"));

    const QString ipv6 =
        snippet(QStringLiteral("curl"),
                makeRequest(QStringLiteral("GET"), QStringLiteral("http://[::1]:8080/")));
    QVERIFY2(ipv6.contains(u"--globoff"), qPrintable(ipv6));

    const QString plain = snippet(QStringLiteral("curl"), makeRequest(QStringLiteral("GET"), kUrl));
    QVERIFY(!plain.contains(u"--globoff"));
}

void TestCodegen::curlEmptyHeaderValueUsesSemicolon()
{
    const QString text = snippet(QStringLiteral("curl"),
                                 makeRequest(QStringLiteral("GET"), kUrl, {},
                                             {{QStringLiteral("X-Empty"), QString()},
                                              {QStringLiteral("X-Blank"), QStringLiteral("  ")}}));
    QVERIFY2(text.contains(u"--header 'X-Empty;'"), qPrintable(text));
    QVERIFY2(text.contains(u"--header 'X-Blank;'"), qPrintable(text));
}

void TestCodegen::curlKeepsHeaderOrderAndDuplicates()
{
    Request request = makeRequest(QStringLiteral("POST"), kUrl, "{}",
                                  {{QStringLiteral("X-A"), QStringLiteral("1")},
                                   {QStringLiteral("X-B"), QStringLiteral("2")},
                                   {QStringLiteral("x-a"), QStringLiteral("3")},
                                   {QStringLiteral("X-Off"), QStringLiteral("never"), false}},
                                  QStringLiteral("application/json"));
    request.auth = {AuthKind::Bearer, QStringLiteral("t0k'en$")};
    const QString text = snippet(QStringLiteral("curl"), request);
    const qsizetype a = text.indexOf(u"--header 'X-A: 1'");
    const qsizetype b = text.indexOf(u"--header 'X-B: 2'");
    const qsizetype a2 = text.indexOf(u"--header 'x-a: 3'");
    const qsizetype auth = text.indexOf(u"--header 'Authorization: Bearer t0k'\\''en$'");
    const qsizetype type = text.indexOf(u"--header 'Content-Type: application/json'");
    QVERIFY2(a >= 0 && a < b && b < a2 && a2 < auth && auth < type, qPrintable(text));
    QVERIFY(!text.contains(u"X-Off"));
}

void TestCodegen::curlBodyWithNulUsesPrintf()
{
    const QString text = snippet(QStringLiteral("curl"),
                                 makeRequest(QStringLiteral("POST"), kUrl, QByteArray("a\0b", 3)));
    QVERIFY2(text.contains(u"--data-binary @<(printf 'a\\000b')"), qPrintable(text));
}

void TestCodegen::curlLayoutIsOneOptionPerLineWithTheIndent()
{
    const Request request =
        makeRequest(QStringLiteral("PATCH"), kUrl, "x",
                    {{QStringLiteral("A"), QStringLiteral("1")}}, QStringLiteral("text/plain"));
    QCOMPARE(snippet(QStringLiteral("curl"), request, {4}),
             QStringLiteral("curl --request PATCH \\\n"
                            "    --url 'http://127.0.0.1:8080/items' \\\n"
                            "    --location \\\n"
                            "    --header 'A: 1' \\\n"
                            "    --header 'Content-Type: text/plain' \\\n"
                            "    --data-raw 'x'\n"));
    QVERIFY(snippet(QStringLiteral("curl"), request, {0}).contains(u" \\\n--url "));
}

void TestCodegen::curlQuotesAMethodWithShellCharacters()
{
    const QString text =
        snippet(QStringLiteral("curl"), makeRequest(QStringLiteral("MY$METHOD"), kUrl));
    QVERIFY2(text.contains(u"--request 'MY$METHOD'"), qPrintable(text));
}

void TestCodegen::curlAddsNoContentTypeOfItsOwn()
{
    // Without this curl would label the body application/x-www-form-urlencoded.
    const QString without =
        snippet(QStringLiteral("curl"), makeRequest(QStringLiteral("POST"), kUrl, "text"));
    QVERIFY2(without.contains(u"--header 'Content-Type:' \\\n"), qPrintable(without));

    const QString with =
        snippet(QStringLiteral("curl"), makeRequest(QStringLiteral("POST"), kUrl, "text", {},
                                                    QStringLiteral("text/plain")));
    QVERIFY(!with.contains(u"'Content-Type:'"));
    const QString noBody =
        snippet(QStringLiteral("curl"), makeRequest(QStringLiteral("POST"), kUrl));
    QVERIFY(!noBody.contains(u"Content-Type"));
}

void TestCodegen::curlLargeBodiesAvoidArgumentLimitsAndExpect()
{
    const QString small = snippet(QStringLiteral("curl"),
                                  makeRequest(QStringLiteral("POST"), kUrl, QByteArray(1000, 'a'),
                                              {}, QStringLiteral("text/plain")));
    QVERIFY(small.contains(u"--data-raw '"));
    QVERIFY(!small.contains(u"Expect"));

    // Linux refuses a single argument over 128 KiB; printf is a builtin and has no such limit.
    const QString large =
        snippet(QStringLiteral("curl"),
                makeRequest(QStringLiteral("POST"), kUrl, QByteArray(70 * 1024, 'a'), {},
                            QStringLiteral("text/plain")));
    QVERIFY(large.contains(u"--data-binary @<(printf 'aaa"));
    QVERIFY(!large.contains(u"Expect"));

    const QString huge =
        snippet(QStringLiteral("curl"),
                makeRequest(QStringLiteral("POST"), kUrl, QByteArray(1024 * 1024 + 1, 'a'), {},
                            QStringLiteral("text/plain")));
    QVERIFY(huge.contains(u"--header 'Expect:' \\\n"));
}

void TestCodegen::pythonStringLiteral_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("literal");
    QTest::newRow("plain") << QStringLiteral("abc") << QStringLiteral("\"abc\"");
    QTest::newRow("double quotes only")
        << QStringLiteral(R"(say "hi")") << QStringLiteral(R"('say "hi"')");
    QTest::newRow("single quote only") << QStringLiteral("it's") << QStringLiteral("\"it's\"");
    QTest::newRow("both quotes") << QStringLiteral(R"(it's "x")")
                                 << QStringLiteral(R"("it's \"x\"")");
    QTest::newRow("backslash") << QStringLiteral(R"(a\nb)") << QStringLiteral(R"("a\\nb")");
    QTest::newRow("newline and tab")
        << QStringLiteral("a\nb\tc\r") << QStringLiteral(R"("a\nb\tc\r")");
    QTest::newRow("control") << QStringLiteral("\u0001\u007f") << QStringLiteral(R"("\x01\x7F")");
    QTest::newRow("shell characters are plain")
        << QStringLiteral("$HOME `x`") << QStringLiteral("\"$HOME `x`\"");
    QTest::newRow("emoji") << QStringLiteral("\U0001F680 caf\u00e9")
                           << QStringLiteral("\"\U0001F680 caf\u00e9\"");
}

void TestCodegen::pythonStringLiteral()
{
    QFETCH(QString, text);
    QFETCH(QString, literal);
    QCOMPARE(python::stringLiteral(text), literal);
}

void TestCodegen::pythonTripleQuotedLiteral_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("literal");
    QTest::newRow("lines") << QStringLiteral("{\n  \"a\": 1\n}")
                           << QStringLiteral("\"\"\"{\n  \"a\": 1\n}\"\"\"");
    QTest::newRow("ends with a quote")
        << QStringLiteral("a\n\"b\"") << QStringLiteral("\"\"\"a\n\"b\\\"\"\"\"");
    QTest::newRow("three quotes") << QStringLiteral("x\n\"\"\"y")
                                  << QStringLiteral("\"\"\"x\n\\\"\\\"\"y\"\"\"");
    QTest::newRow("backslash n stays two characters")
        << QStringLiteral("a\\n\nb") << QStringLiteral("\"\"\"a\\\\n\nb\"\"\"");
    QTest::newRow("carriage return")
        << QStringLiteral("a\r\nb") << QStringLiteral("\"\"\"a\\r\nb\"\"\"");
}

void TestCodegen::pythonTripleQuotedLiteral()
{
    QFETCH(QString, text);
    QFETCH(QString, literal);
    QCOMPARE(python::tripleQuotedLiteral(text), literal);
}

void TestCodegen::pythonBytesLiteral()
{
    QCOMPARE(python::bytesLiteral(QByteArray("a\0\xFF\"\\\n", 6)),
             QStringLiteral(R"(b'a\x00\xFF"\\\n')"));
    QCOMPARE(python::bytesLiteral("it's"), QStringLiteral("b\"it's\""));
}

void TestCodegen::pythonJsonBodyIsTheExactTextNotJsonDumps()
{
    const QByteArray json = "{\n  \"name\": \"x\",\n  \"n\": 1.50\n}";
    const QString text = snippet(
        QStringLiteral("python-requests"),
        makeRequest(QStringLiteral("POST"), kUrl, json, {}, QStringLiteral("application/json")));
    QVERIFY2(text.contains(u"payload = \"\"\"{\n  \"name\": \"x\",\n  \"n\": 1.50\n}\"\"\"\n"),
             qPrintable(text));
    QVERIFY(text.contains(u"data=payload"));
    QVERIFY(!text.contains(u"json.dumps") && !text.contains(u"json="));
    QVERIFY(text.contains(u"response = requests.request(\"POST\", url, headers=headers, "
                          u"data=payload)"));
}

void TestCodegen::pythonNonAsciiBodyAndHeaderAreEncodedAsUtf8()
{
    const QString text =
        snippet(QStringLiteral("python-requests"),
                makeRequest(QStringLiteral("POST"), kUrl, "caf\xC3\xA9",
                            {{QStringLiteral("X-Name"), QStringLiteral("Z\u00fcrich")}}));
    QVERIFY2(text.contains(u"payload = \"caf\u00e9\".encode()"), qPrintable(text));
    QVERIFY2(text.contains(u"\"X-Name\": \"Z\u00fcrich\".encode(),"), qPrintable(text));
}

void TestCodegen::pythonBinaryBodyIsABytesLiteral()
{
    const QString text =
        snippet(QStringLiteral("python-requests"),
                makeRequest(QStringLiteral("PUT"), kUrl, QByteArray("\x89PNG\0", 5)));
    QVERIFY2(text.contains(QStringLiteral(R"(payload = b"\x89PNG\x00")")), qPrintable(text));
}

void TestCodegen::pythonJoinsRepeatedHeadersAndSaysSo()
{
    const QString text = snippet(QStringLiteral("python-requests"),
                                 makeRequest(QStringLiteral("GET"), kUrl, {},
                                             {{QStringLiteral("X-Tag"), QStringLiteral("a")},
                                              {QStringLiteral("X-Other"), QStringLiteral("o")},
                                              {QStringLiteral("x-tag"), QStringLiteral("b")}}));
    QVERIFY2(text.contains(u"headers = {\n  \"X-Tag\": \"a, b\",\n  \"X-Other\": \"o\",\n}"),
             qPrintable(text));
    QVERIFY(text.contains(u"# requests keeps one value per header name"));
}

void TestCodegen::pythonEmptyHeaderValueAndCustomMethod()
{
    const QString text =
        snippet(QStringLiteral("python-requests"),
                makeRequest(QStringLiteral("PROPFIND"), kUrl, {},
                            {{QStringLiteral("X-Empty"), QString()},
                             {QStringLiteral("X-Padded"), QStringLiteral("  v")}}));
    QVERIFY2(text.contains(u"\"X-Empty\": \"\","), qPrintable(text));
    QVERIFY2(text.contains(u"\"X-Padded\": \"v\","), qPrintable(text));
    QVERIFY(text.contains(u"requests.request(\"PROPFIND\", url, headers=headers)"));
    QVERIFY(!text.contains(u"payload"));
}

void TestCodegen::pythonRespectsIndent()
{
    const QString text = snippet(
        QStringLiteral("python-requests"),
        makeRequest(QStringLiteral("GET"), kUrl, {}, {{QStringLiteral("A"), QStringLiteral("1")}}),
        {4});
    QVERIFY2(text.contains(u"headers = {\n    \"A\": \"1\",\n}"), qPrintable(text));
}

void TestCodegen::pythonKeepsAMixedCaseMethod()
{
    // requests upper-cases methods; Ferry sends custom tokens as typed.
    const QString text =
        snippet(QStringLiteral("python-requests"),
                makeRequest(QStringLiteral("Purge"), kUrl, "x", {}, QStringLiteral("text/plain")));
    QVERIFY2(text.contains(u"prepared = session.prepare_request(requests.Request(\"Purge\", url, "
                           u"headers=headers, data=payload))\n"
                           u"prepared.method = \"Purge\"\n"
                           u"response = session.send(prepared)\n"),
             qPrintable(text));
    QVERIFY(!text.contains(u"requests.request("));

    const QString upper =
        snippet(QStringLiteral("python-requests"), makeRequest(QStringLiteral("PURGE"), kUrl));
    QVERIFY(upper.contains(u"response = requests.request(\"PURGE\", url)\n"));
}

void TestCodegen::pythonSaysWhenBracketsGetEncoded()
{
    const QString query =
        snippet(QStringLiteral("python-requests"),
                makeRequest(QStringLiteral("GET"), QStringLiteral("http://h/?a[]=1")));
    QVERIFY2(query.contains(u"# urllib3, under requests, sends [ and ]"), qPrintable(query));
    QVERIFY(query.contains(u"url = \"http://h/?a[]=1\""));

    // Brackets around an IPv6 address are not part of the target and stay as they are.
    const QString ipv6 =
        snippet(QStringLiteral("python-requests"),
                makeRequest(QStringLiteral("GET"), QStringLiteral("http://[::1]:8/x")));
    QVERIFY(!ipv6.contains(u"urllib3"));
}

void TestCodegen::pythonJoinsRepeatedCookiesWithSemicolons()
{
    const QString text = snippet(QStringLiteral("python-requests"),
                                 makeRequest(QStringLiteral("GET"), kUrl, {},
                                             {{QStringLiteral("Cookie"), QStringLiteral("a=1")},
                                              {QStringLiteral("cookie"), QStringLiteral("b=2")}}));
    QVERIFY2(text.contains(u"\"Cookie\": \"a=1; b=2\","), qPrintable(text));
    QVERIFY(text.contains(u"(\"; \" for Cookie)"));
}

void TestCodegen::jsStringLiteral_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("literal");
    QTest::newRow("quotes") << QStringLiteral(R"(it's "x")") << QStringLiteral(R"("it's \"x\"")");
    QTest::newRow("backslash") << QStringLiteral(R"(C:\temp)") << QStringLiteral(R"("C:\\temp")");
    QTest::newRow("controls") << QStringLiteral("a\nb\tc\r\u0000").replace(u'\u0000', QChar(0))
                              << QStringLiteral(R"("a\nb\tc\r\x00")");
    QTest::newRow("line separator")
        << QStringLiteral("a\u2028b") << QStringLiteral(R"("a\u2028b")");
    QTest::newRow("template characters are plain")
        << QStringLiteral("${x} `y`") << QStringLiteral("\"${x} `y`\"");
    QTest::newRow("emoji") << QStringLiteral("\U0001F680") << QStringLiteral("\"\U0001F680\"");
}

void TestCodegen::jsStringLiteral()
{
    QFETCH(QString, text);
    QFETCH(QString, literal);
    QCOMPARE(js::stringLiteral(text), literal);
}

void TestCodegen::jsTemplateLiteral_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("literal");
    QTest::newRow("json lines") << QStringLiteral("{\n  \"a\": 'b'\n}")
                                << QStringLiteral("`{\n  \"a\": 'b'\n}`");
    QTest::newRow("backtick and placeholder")
        << QStringLiteral("`id` ${HOME} $HOME") << QStringLiteral(R"(`\`id\` \${HOME} $HOME`)");
    QTest::newRow("backslash escapes stay text")
        << QStringLiteral(R"({"s":"a\nb"})") << QStringLiteral(R"(`{"s":"a\\nb"}`)");
    QTest::newRow("carriage return") << QStringLiteral("a\r\nb") << QStringLiteral("`a\\r\nb`");
    QTest::newRow("tab") << QStringLiteral("a\tb") << QStringLiteral(R"(`a\tb`)");
}

void TestCodegen::jsTemplateLiteral()
{
    QFETCH(QString, text);
    QFETCH(QString, literal);
    QCOMPARE(js::templateLiteral(text), literal);
}

void TestCodegen::jsHeaderValuesAreUtf8Bytes()
{
    QCOMPARE(js::byteStringLiteral("caf\xC3\xA9 \"q\""), QStringLiteral(R"("caf\xC3\xA9 \"q\"")"));
    const QString text =
        snippet(QStringLiteral("js-fetch"),
                makeRequest(QStringLiteral("GET"), kUrl, {},
                            {{QStringLiteral("X-City"), QStringLiteral("Z\u00fcrich")}}));
    QVERIFY2(text.contains(QStringLiteral(R"(headers.append("X-City", "Z\xC3\xBCrich");)")),
             qPrintable(text));
}

void TestCodegen::fetchKeepsHeaderOrderWithAppend()
{
    const QString text = snippet(QStringLiteral("js-fetch"),
                                 makeRequest(QStringLiteral("POST"), kUrl, "{\"a\":1}",
                                             {{QStringLiteral("X-A"), QStringLiteral("1")},
                                              {QStringLiteral("X-A"), QStringLiteral("2")}},
                                             QStringLiteral("application/json")));
    QVERIFY2(text.contains(u"headers.append(\"X-A\", \"1\");\n"
                           u"headers.append(\"X-A\", \"2\");\n"
                           u"headers.append(\"Content-Type\", \"application/json\");\n"),
             qPrintable(text));
    QVERIFY(text.contains(u"joins repeated names"));
    QVERIFY(text.contains(u"const body = `{\"a\":1}`;"));
    QVERIFY(text.contains(u"  method: \"POST\",\n  headers: headers,\n  body: body,\n"));
    QVERIFY(text.contains(u"fetch(\"http://127.0.0.1:8080/items\", options)"));
}

void TestCodegen::fetchLeavesOutABodyOnGet()
{
    const QString text =
        snippet(QStringLiteral("js-fetch"), makeRequest(QStringLiteral("GET"), kUrl, "x"));
    QVERIFY2(text.contains(u"// fetch cannot send a body with GET"), qPrintable(text));
    QVERIFY(!text.contains(u"body:"));
}

void TestCodegen::fetchBinaryBodyIsAUint8Array()
{
    const QString text =
        snippet(QStringLiteral("node-fetch"), makeRequest(QStringLiteral("PUT"), kUrl,
                                                          QByteArray("\0\xFF"
                                                                     "A",
                                                                     3)));
    QVERIFY2(text.contains(u"const body = new Uint8Array([\n  0x00, 0xFF, 0x41\n]);"),
             qPrintable(text));
}

void TestCodegen::fetchTextWithoutContentTypeIsSentAsBytes()
{
    // A string body would make fetch add "text/plain;charset=UTF-8"; Ferry sends no type.
    const QString text = snippet(QStringLiteral("js-fetch"),
                                 makeRequest(QStringLiteral("POST"), kUrl, "caf\xC3\xA9"));
    QVERIFY2(text.contains(u"const body = new TextEncoder().encode(`caf\u00e9`);"),
             qPrintable(text));

    const QString typed =
        snippet(QStringLiteral("js-fetch"),
                makeRequest(QStringLiteral("POST"), kUrl, "x", {}, QStringLiteral("text/plain")));
    QVERIFY(typed.contains(u"const body = `x`;"));
}

void TestCodegen::fetchBrowserNamesHeadersItControls()
{
    const QString text = snippet(QStringLiteral("js-fetch"),
                                 makeRequest(QStringLiteral("GET"), kUrl, {},
                                             {{QStringLiteral("Cookie"), QStringLiteral("a=1")},
                                              {QStringLiteral("X-A"), QStringLiteral("1")}}));
    QVERIFY2(text.contains(u"ignores the script's values: Cookie."), qPrintable(text));
}

void TestCodegen::nodeFetchLeavesOutHeadersItRefuses()
{
    const QString text =
        snippet(QStringLiteral("node-fetch"),
                makeRequest(QStringLiteral("GET"), kUrl, {},
                            {{QStringLiteral("Connection"), QStringLiteral("close")},
                             {QStringLiteral("X-A"), QStringLiteral("1")}}));
    QVERIFY2(text.contains(u"refuses these headers, so they are left out: Connection."),
             qPrintable(text));
    QVERIFY(!text.contains(u"headers.append(\"Connection\""));
    QVERIFY(text.contains(u"headers.append(\"X-A\", \"1\");"));
}

void TestCodegen::nodeFetchFailsTheProcessOnError()
{
    const QString text =
        snippet(QStringLiteral("node-fetch"), makeRequest(QStringLiteral("GET"), kUrl), {4});
    QVERIFY2(text.contains(u"        process.exitCode = 1;\n"), qPrintable(text));
    QVERIFY(text.contains(u"    method: \"GET\",\n"));
}

void TestCodegen::jqueryJoinsRepeatedHeaders()
{
    const QString text = snippet(QStringLiteral("js-jquery"),
                                 makeRequest(QStringLiteral("GET"), kUrl, {},
                                             {{QStringLiteral("X-A"), QStringLiteral("1")},
                                              {QStringLiteral("x-a"), QStringLiteral("2")}}));
    QVERIFY2(text.contains(u"  headers: {\n    \"X-A\": \"1, 2\",\n  },\n"), qPrintable(text));
    QVERIFY(text.contains(u"Repeated headers are joined"));
    QVERIFY(text.contains(u"$.ajax(settings).done("));
}

void TestCodegen::jquerySendsTheBodyAsIs()
{
    const QString withType =
        snippet(QStringLiteral("js-jquery"),
                makeRequest(QStringLiteral("POST"), kUrl, "a=1&b=`2`", {},
                            QStringLiteral("application/x-www-form-urlencoded")));
    QVERIFY2(withType.contains(u"  data: `a=1&b=\\`2\\``,\n  processData: false,\n"),
             qPrintable(withType));
    QVERIFY(!withType.contains(u"contentType: false"));

    const QString without =
        snippet(QStringLiteral("js-jquery"), makeRequest(QStringLiteral("POST"), kUrl, "x"));
    QVERIFY2(without.contains(u"contentType: false,"), qPrintable(without));

    const QString onGet =
        snippet(QStringLiteral("js-jquery"), makeRequest(QStringLiteral("GET"), kUrl, "x"));
    QVERIFY(onGet.contains(u"jQuery cannot send a body with GET"));
    QVERIFY(!onGet.contains(u"data:"));
}

void TestCodegen::jqueryWarnsAboutLowerCaseMethods()
{
    const QString text =
        snippet(QStringLiteral("js-jquery"), makeRequest(QStringLiteral("MyMethod"), kUrl));
    QVERIFY2(text.startsWith(u"// jQuery sends the method in upper case."), qPrintable(text));
    QVERIFY(text.contains(u"method: \"MyMethod\","));
}

void TestCodegen::httpMessageIsExact()
{
    Request request =
        makeRequest(QStringLiteral("post"),
                    QStringLiteral("http://127.0.0.1:8080/items?q=a%20b#top"), "{\"a\":1}",
                    {{QStringLiteral("X-A"), QStringLiteral("1")},
                     {QStringLiteral("X-A"), QStringLiteral("2")}},
                    QStringLiteral("application/json"));
    request.auth = {AuthKind::Bearer, QStringLiteral("tok")};
    QCOMPARE(snippet(QStringLiteral("http"), request),
             QStringLiteral("POST /items?q=a%20b HTTP/1.1\n"
                            "Host: 127.0.0.1:8080\n"
                            "X-A: 1\n"
                            "X-A: 2\n"
                            "Authorization: Bearer tok\n"
                            "Content-Type: application/json\n"
                            "Content-Length: 7\n"
                            "\n"
                            "{\"a\":1}"));
}

void TestCodegen::httpTargetAndHostFromTheUrl()
{
    QCOMPARE(snippet(QStringLiteral("http"),
                     makeRequest(QStringLiteral("GET"), QStringLiteral("https://example.com"))),
             QStringLiteral("GET / HTTP/1.1\nHost: example.com\n\n"));
    QCOMPARE(snippet(QStringLiteral("http"),
                     makeRequest(QStringLiteral("GET"), QStringLiteral("http://[::1]:81/a b"))),
             QStringLiteral("GET /a%20b HTTP/1.1\nHost: [::1]:81\n\n"));
    const QString ownHost =
        snippet(QStringLiteral("http"),
                makeRequest(QStringLiteral("GET"), kUrl, {},
                            {{QStringLiteral("Host"), QStringLiteral("api.test")}}));
    QCOMPARE(ownHost, QStringLiteral("GET /items HTTP/1.1\nHost: api.test\n\n"));
}

void TestCodegen::httpBinaryBodyIsDescribed()
{
    const QString text = snippet(QStringLiteral("http"), makeRequest(QStringLiteral("PUT"), kUrl,
                                                                     QByteArray("\xFF\xFE\0", 3)));
    QVERIFY2(text.endsWith(u"Content-Length: 3\n\n<3 bytes of binary data, not shown>\n"),
             qPrintable(text));
}

void TestCodegen::headNeverCarriesABody()
{
    // Ferry's client sends HEAD without a body, so no snippet may send one.
    const Request request =
        makeRequest(QStringLiteral("HEAD"), kUrl, "ignored", {}, QStringLiteral("text/plain"));
    QCOMPARE(snippet(QStringLiteral("http"), request),
             QStringLiteral("HEAD /items HTTP/1.1\nHost: 127.0.0.1:8080\n"
                            "Content-Type: text/plain\n\n"));
    const QString python = snippet(QStringLiteral("python-requests"), request);
    QVERIFY2(python.contains(u"# A HEAD request carries no body"), qPrintable(python));
    QVERIFY(!python.contains(u"payload"));
    for (const QString &target : {QStringLiteral("curl"), QStringLiteral("js-fetch"),
                                  QStringLiteral("node-fetch"), QStringLiteral("js-jquery")})
        QVERIFY2(!snippet(target, request).contains(u"ignored"), qPrintable(target));
}

QTEST_GUILESS_MAIN(TestCodegen)
#include "tst_codegen.moc"
