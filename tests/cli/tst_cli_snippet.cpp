#include "clirunner.h"
#include "core/codegen/snippet.h"

#include <QTemporaryDir>
#include <QTest>

using namespace ferry;

namespace {

using Run = ferry::test::CliRun;

Run runCli(const QStringList &arguments)
{
    return ferry::test::runCli(QStringList{QStringLiteral("snippet")} + arguments, {}, 30'000);
}

QByteArray expectedSnippet(const QString &target, const Request &request,
                           const codegen::SnippetOptions &options = {})
{
    const Result<QString> snippet = codegen::generateSnippet(target, request, options);
    return snippet ? snippet.value().toUtf8() : QByteArray();
}

const QString kUrl = QStringLiteral("http://127.0.0.1:9/items?q=1");

} // namespace

class TestCliSnippet final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void listTargetsPrintsIdTabLabel();
    void printsTheSameSnippetAsTheLibraryForEveryTarget();
    void requestOptionsShapeTheSnippet();
    void bodyFromAFileKeepsEveryByte();
    void indentOptionIsRespected();
    void badIndentIsAUsageError();
    void unknownTargetListsTheValidIds();
    void missingTargetIsAUsageError();
    void invalidRequestExitsWithThree_data();
    void invalidRequestExitsWithThree();
    void usageErrorsExitWithTwo_data();
    void usageErrorsExitWithTwo();
    void helpNamesEveryOption();
};

void TestCliSnippet::listTargetsPrintsIdTabLabel()
{
    const Run run = runCli({QStringLiteral("--list-targets")});
    QCOMPARE(run.exitCode, 0);

    QByteArray expected;
    for (const codegen::TargetInfo &target : codegen::targets())
        expected += target.id.toUtf8() + '\t' + target.label.toUtf8() + '\n';
    QCOMPARE(run.out, expected);
    QVERIFY(run.out.startsWith("curl\t"));
}

void TestCliSnippet::printsTheSameSnippetAsTheLibraryForEveryTarget()
{
    Request request;
    request.url = kUrl;
    for (const codegen::TargetInfo &target : codegen::targets()) {
        const Run run = runCli({QStringLiteral("--target"), target.id, kUrl});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY(!run.out.isEmpty());
        QCOMPARE(run.out, expectedSnippet(target.id, request));
    }
}

void TestCliSnippet::requestOptionsShapeTheSnippet()
{
    const QString body = QStringLiteral("{\"name\": \"It's $HOME \u00e9\"}");
    const Run run =
        runCli({QStringLiteral("-t"), QStringLiteral("curl"), QStringLiteral("-X"),
                QStringLiteral("PUT"), QStringLiteral("-H"), QStringLiteral("X-A: 1"),
                QStringLiteral("-H"), QStringLiteral("X-A: 2"), QStringLiteral("--bearer"),
                QStringLiteral("s3cr$t"), QStringLiteral("-d"), body, kUrl});
    QVERIFY2(run.exitCode == 0, run.err.constData());

    Request request;
    request.method = QStringLiteral("PUT");
    request.url = kUrl;
    request.headers = {{QStringLiteral("X-A"), QStringLiteral("1")},
                       {QStringLiteral("X-A"), QStringLiteral("2")}};
    request.auth = {AuthKind::Bearer, QStringLiteral("s3cr$t")};
    request.body = body.toUtf8();
    request.contentType = QStringLiteral("application/json");
    QCOMPARE(run.out, expectedSnippet(QStringLiteral("curl"), request));
    QVERIFY(run.out.contains("--header 'Authorization: Bearer s3cr$t'"));
    QVERIFY(run.out.contains("--data-raw '{\"name\": \"It'\\''s $HOME \xC3\xA9\"}'"));
}

void TestCliSnippet::bodyFromAFileKeepsEveryByte()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("body.bin"));
    const QByteArray bytes("\x00\xFF\x01 \"x\"", 7);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
    file.close();

    const Run run = runCli({QStringLiteral("--target"), QStringLiteral("python-requests"),
                            QStringLiteral("--data-binary"), u'@' + path, kUrl});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY2(run.out.contains(R"(payload = b'\x00\xFF\x01 "x"')"), run.out.constData());
    QVERIFY(run.out.contains(R"("Content-Type": "application/octet-stream")"));
    QVERIFY(run.out.contains(R"(requests.request("POST", url)"));
}

void TestCliSnippet::indentOptionIsRespected()
{
    const Run run = runCli({QStringLiteral("--target"), QStringLiteral("js-fetch"),
                            QStringLiteral("--indent"), QStringLiteral("4"), kUrl});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    Request request;
    request.url = kUrl;
    QCOMPARE(run.out, expectedSnippet(QStringLiteral("js-fetch"), request, {4}));
    QVERIFY(run.out.contains("\n    method: \"GET\",\n"));
}

void TestCliSnippet::badIndentIsAUsageError()
{
    const Run run = runCli({QStringLiteral("--target"), QStringLiteral("curl"),
                            QStringLiteral("--indent"), QStringLiteral("wide"), kUrl});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("--indent 'wide'"), run.err.constData());
    QVERIFY(run.out.isEmpty());
}

void TestCliSnippet::unknownTargetListsTheValidIds()
{
    const Run run = runCli({QStringLiteral("--target"), QStringLiteral("cobol"), kUrl});
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.out.isEmpty());
    QVERIFY2(run.err.contains("unknown target 'cobol'"), run.err.constData());
    for (const codegen::TargetInfo &target : codegen::targets())
        QVERIFY2(run.err.contains(target.id.toUtf8()), qPrintable(target.id));
}

void TestCliSnippet::missingTargetIsAUsageError()
{
    const Run run = runCli({kUrl});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("--target"), run.err.constData());
    QVERIFY(run.err.contains("python-requests"));
}

void TestCliSnippet::invalidRequestExitsWithThree_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("mentions");
    QTest::newRow("header name with a space")
        << QStringList{QStringLiteral("-H"), QStringLiteral("Bad Name: x"), kUrl}
        << QByteArray("header 1 name");
    QTest::newRow("method that is not a token")
        << QStringList{QStringLiteral("-X"), QStringLiteral("GE T"), kUrl} << QByteArray("method");
    QTest::newRow("URL without a scheme")
        << QStringList{QStringLiteral("not a url")} << QByteArray("URL");
}

void TestCliSnippet::invalidRequestExitsWithThree()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, mentions);
    const Run run =
        runCli(QStringList{QStringLiteral("--target"), QStringLiteral("curl")} + arguments);
    QCOMPARE(run.exitCode, 3);
    QVERIFY(run.out.isEmpty());
    QVERIFY2(run.err.contains("invalid request: " + mentions), run.err.constData());
}

void TestCliSnippet::usageErrorsExitWithTwo_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("mentions");
    QTest::newRow("no URL") << QStringList{QStringLiteral("--target"), QStringLiteral("curl")}
                            << QByteArray("no URL");
    QTest::newRow("unknown option")
        << QStringList{QStringLiteral("--target"), QStringLiteral("curl"),
                       QStringLiteral("--frobnicate"), kUrl}
        << QByteArray("frobnicate");
    QTest::newRow("unreadable body file")
        << QStringList{QStringLiteral("--target"), QStringLiteral("curl"), QStringLiteral("-d"),
                       QStringLiteral("@/nonexistent/ferry-body.json"), kUrl}
        << QByteArray("/nonexistent/ferry-body.json");
    QTest::newRow("header without colon")
        << QStringList{QStringLiteral("--target"), QStringLiteral("curl"), QStringLiteral("-H"),
                       QStringLiteral("NoColon"), kUrl}
        << QByteArray("NoColon");
}

void TestCliSnippet::usageErrorsExitWithTwo()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, mentions);
    const Run run = runCli(arguments);
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.out.isEmpty());
    QVERIFY2(run.err.contains(mentions), run.err.constData());
}

void TestCliSnippet::helpNamesEveryOption()
{
    const Run run = runCli({QStringLiteral("--help")});
    QCOMPARE(run.exitCode, 0);
    for (const char *option : {"--target", "--list-targets", "--indent", "--request", "--header",
                               "--bearer", "--data", "--data-binary", "--content-type", "--help"})
        QVERIFY2(run.out.contains(option), option);
    for (const codegen::TargetInfo &target : codegen::targets())
        QVERIFY2(run.out.contains(target.id.toUtf8()), qPrintable(target.id));
}

QTEST_GUILESS_MAIN(TestCliSnippet)
#include "tst_cli_snippet.moc"
