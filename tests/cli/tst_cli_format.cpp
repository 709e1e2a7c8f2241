#include "clirunner.h"
#include "core/json/jsonformatter.h"

#include <QFile>
#include <QStringEncoder>
#include <QTemporaryDir>
#include <QTest>

namespace {

using ferry::test::CliRun;

CliRun runFormat(const QStringList &arguments, const QByteArray &input = {})
{
    return ferry::test::runCli(QStringList{QStringLiteral("format")} + arguments, input);
}

QString dataPath(const QString &name)
{
    return QStringLiteral(FERRY_TEST_DATA_DIR "/json/") + name;
}

QByteArray readData(const QString &name)
{
    QFile file(dataPath(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read test data %s", qPrintable(file.fileName()));
    return file.readAll();
}

constexpr int kExitOk = 0;
constexpr int kExitInvalidJson = 1;
constexpr int kExitUsage = 2;

} // namespace

class TestCliFormat final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void formatsAFile();
    void readsStandardInput_data();
    void readsStandardInput();
    void indentOption();
    void indentZero();
    void minifyOption();
    void dropsTheByteOrderMark();
    void streamsInputLargerThanOneChunk();
    void invalidFileReportsFileLineAndColumn();
    void invalidStandardInputIsNamedStdin();
    void emptyInputIsInvalid();
    void missingFileExitsWithUsageError();
    void directoryIsNotReadable();
    void rejectsBadOptions_data();
    void rejectsBadOptions();
    void helpDescribesEveryOption();
    void sortKeysOption();
    void sortKeysReportsInvalidJson();
    void queryOption_data();
    void queryOption();
    void queryWithSortKeys();
    void queryReportsInvalidJsonWithFileLineAndColumn();
    void invalidQueryExitsWithUsageError_data();
    void invalidQueryExitsWithUsageError();
    void decodesWideInput_data();
    void decodesWideInput();
    void reportsErrorsInUtf16InputByCharacter();
};

void TestCliFormat::formatsAFile()
{
    const CliRun run = runFormat({dataPath(QStringLiteral("sample.json"))});

    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, kExitOk);
    QCOMPARE(run.out, readData(QStringLiteral("sample.indent2.json")));
    QCOMPARE(run.err, QByteArray());
}

void TestCliFormat::readsStandardInput_data()
{
    QTest::addColumn<QStringList>("arguments");

    QTest::newRow("no FILE") << QStringList();
    QTest::newRow("dash") << QStringList{QStringLiteral("-")};
}

void TestCliFormat::readsStandardInput()
{
    QFETCH(QStringList, arguments);

    const CliRun run = runFormat(arguments, readData(QStringLiteral("sample.json")));

    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, kExitOk);
    QCOMPARE(run.out, readData(QStringLiteral("sample.indent2.json")));
}

void TestCliFormat::indentOption()
{
    const CliRun run = runFormat(
        {QStringLiteral("--indent"), QStringLiteral("4"), dataPath(QStringLiteral("sample.json"))});

    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, kExitOk);
    QCOMPARE(run.out, readData(QStringLiteral("sample.indent4.json")));
}

void TestCliFormat::indentZero()
{
    const CliRun run = runFormat({QStringLiteral("--indent=0")}, R"({"a":[1,2],"b":{}})");

    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, kExitOk);
    QCOMPARE(run.out, QByteArray("{\n\"a\": [\n1,\n2\n],\n\"b\": {}\n}\n"));
}

void TestCliFormat::minifyOption()
{
    const CliRun run =
        runFormat({QStringLiteral("--minify")}, readData(QStringLiteral("sample.indent4.json")));

    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, kExitOk);
    QCOMPARE(run.out, readData(QStringLiteral("sample.min.json")));
}

void TestCliFormat::dropsTheByteOrderMark()
{
    const CliRun run = runFormat({}, "\xEF\xBB\xBF{\"a\":1}\r\n");

    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, kExitOk);
    QCOMPARE(run.out, QByteArray("{\n  \"a\": 1\n}\n"));
}

void TestCliFormat::streamsInputLargerThanOneChunk()
{
    // A few megabytes, so tokens and UTF-8 sequences straddle the boundaries of the pieces
    // ferry-cli reads.
    QByteArray input = "[";
    for (int i = 0; input.size() < 3 * 1024 * 1024; ++i) {
        if (i > 0)
            input += ',';
        input += R"({"id":)" + QByteArray::number(i) + R"(,"name":"caf\u00e9 )"
                 + QByteArray::number(i) + " \xE2\x82\xAC\xF0\x9F\x98\x80\",\"ok\":true}";
    }
    input += ']';

    const CliRun run = runFormat({}, input);

    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, kExitOk);
    const ferry::json::FormatOutcome expected = ferry::json::format(input);
    QVERIFY(!expected.error);
    QVERIFY(run.out == expected.text + '\n');
}

void TestCliFormat::invalidFileReportsFileLineAndColumn()
{
    // Line 3 is `  "tägs": ["a", "b",],`: the ']' after the trailing comma is character 21.
    const QString path = dataPath(QStringLiteral("trailing-comma.json"));
    const CliRun run = runFormat({path});

    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, kExitInvalidJson);
    QCOMPARE(run.out, QByteArray());
    QCOMPARE(QString::fromUtf8(run.err),
             QStringLiteral("ferry-cli: %1:3:21: trailing comma before ']': a ',' must be "
                            "followed by another element\n")
                 .arg(path));
}

void TestCliFormat::invalidStandardInputIsNamedStdin()
{
    const CliRun run = runFormat({QStringLiteral("--minify")}, "{\n  \"a\": [1, 2\n");

    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, kExitInvalidJson);
    QCOMPARE(run.out, QByteArray());
    QCOMPARE(run.err,
             QByteArray("ferry-cli: <stdin>:3:1: unexpected end of input: expected ',' or ']'\n"));
}

void TestCliFormat::emptyInputIsInvalid()
{
    const CliRun run = runFormat({});

    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, kExitInvalidJson);
    QCOMPARE(run.err, QByteArray("ferry-cli: <stdin>:1:1: empty input: expected a JSON value\n"));
}

void TestCliFormat::missingFileExitsWithUsageError()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("no-such-response.json"));

    const CliRun run = runFormat({path});

    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, kExitUsage);
    QCOMPARE(run.out, QByteArray());
    QVERIFY2(QString::fromUtf8(run.err).startsWith(
                 QStringLiteral("ferry-cli: cannot read '%1': ").arg(path)),
             run.err.constData());
}

void TestCliFormat::directoryIsNotReadable()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());

    const CliRun run = runFormat({dir.path()});

    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, kExitUsage);
    QVERIFY2(run.err.contains(dir.path().toUtf8()), run.err.constData());
}

void TestCliFormat::rejectsBadOptions_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");

    const QString indentRange =
        QStringLiteral("ferry-cli: --indent: expected a whole number from 0 to 16, got '%1'\n");
    QTest::newRow("indent too wide")
        << QStringList{QStringLiteral("--indent"), QStringLiteral("17")}
        << indentRange.arg(QStringLiteral("17"));
    QTest::newRow("negative indent")
        << QStringList{QStringLiteral("--indent=-1")} << indentRange.arg(QStringLiteral("-1"));
    QTest::newRow("indent not a number")
        << QStringList{QStringLiteral("--indent"), QStringLiteral("two")}
        << indentRange.arg(QStringLiteral("two"));
    QTest::newRow("indent and minify")
        << QStringList{QStringLiteral("--minify"), QStringLiteral("--indent"), QStringLiteral("4")}
        << QStringLiteral("ferry-cli: --indent and --minify cannot be used together\n");
    QTest::newRow("two files") << QStringList{QStringLiteral("a.json"), QStringLiteral("b.json")}
                               << QStringLiteral("ferry-cli: give at most one FILE, got 2: a.json "
                                                 "b.json\n");
    QTest::newRow("unknown option")
        << QStringList{QStringLiteral("--pretty")}
        << QStringLiteral("ferry-cli: Unknown option 'pretty'.\nRun 'ferry-cli format --help' "
                          "for its options.\n");
    QTest::newRow("query without a path")
        << QStringList{QStringLiteral("--query")}
        << QStringLiteral("ferry-cli: Missing value after '--query'.\nRun 'ferry-cli format "
                          "--help' for its options.\n");
}

void TestCliFormat::rejectsBadOptions()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);

    const CliRun run = runFormat(arguments, "{}");

    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, kExitUsage);
    QCOMPARE(run.out, QByteArray());
    QCOMPARE(QString::fromUtf8(run.err), message);
}

void TestCliFormat::helpDescribesEveryOption()
{
    const CliRun run = runFormat({QStringLiteral("--help")});

    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, kExitOk);
    const QString help = QString::fromUtf8(run.out);
    QVERIFY2(help.startsWith(QStringLiteral("Usage: ferry-cli format [options] [FILE]\n")),
             qPrintable(help));
    QVERIFY(help.contains(QStringLiteral("-h, --help")));
    QVERIFY(help.contains(QStringLiteral("--indent <N>")));
    // The longer --query column makes the description wrap after "(default".
    QVERIFY(help.contains(QStringLiteral("0 to 16 (default")));
    QVERIFY(help.contains(QStringLiteral("--minify")));
    QVERIFY(help.contains(QStringLiteral("--sort-keys")));
    QVERIFY(help.contains(QStringLiteral("--query <JSONPATH>")));
    QVERIFY(help.contains(QStringLiteral("UTF-16")));
    QVERIFY(help.contains(QStringLiteral("FILE")));
    QVERIFY(help.contains(QStringLiteral("standard input")));
    QVERIFY(help.contains(QStringLiteral("Exit codes:")));
}

void TestCliFormat::sortKeysOption()
{
    // Two versions of a response diff cleanly once their keys are in the same order.
    const CliRun run =
        runFormat({QStringLiteral("--sort-keys")},
                  R"({"b":{"y":1e400,"x":[{"d":1,"c":2}]},"a":12345678901234567890,"b":0})");

    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, kExitOk);
    QCOMPARE(run.err, QByteArray());
    QCOMPARE(run.out, QByteArray("{\n  \"a\": 12345678901234567890,\n  \"b\": {\n    \"x\": [\n"
                                 "      {\n        \"c\": 2,\n        \"d\": 1\n      }\n    ],\n"
                                 "    \"y\": 1e400\n  },\n  \"b\": 0\n}\n"));
}

void TestCliFormat::sortKeysReportsInvalidJson()
{
    const CliRun run = runFormat({QStringLiteral("--sort-keys")}, "{\"b\": 1,\n \"a\": tru}");

    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, kExitInvalidJson);
    QCOMPARE(run.out, QByteArray());
    QVERIFY2(run.err.startsWith("ferry-cli: <stdin>:2:10: "), run.err.constData());
}

void TestCliFormat::queryOption_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("expected");

    const QString query = QStringLiteral("--query=$.items[?(@.price < 10)].name");
    QTest::newRow("pretty") << QStringList{query} << QByteArray("[\n  \"pen\",\n  \"ink\"\n]\n");
    QTest::newRow("minify") << QStringList{query, QStringLiteral("--minify")}
                            << QByteArray("[\"pen\",\"ink\"]\n");
    QTest::newRow("separate value")
        << QStringList{QStringLiteral("--query"), QStringLiteral("$..price"),
                       QStringLiteral("--minify")}
        << QByteArray("[2.50,12345678901234567890.5,9.99]\n");
    QTest::newRow("no match") << QStringList{QStringLiteral("--query=$.missing")}
                              << QByteArray("[]\n");
}

void TestCliFormat::queryOption()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, expected);

    const CliRun run = runFormat(arguments, R"({"items": [{"name": "pen", "price": 2.50},
        {"name": "desk", "price": 12345678901234567890.5}, {"name": "ink", "price": 9.99}]})");

    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, kExitOk);
    QCOMPARE(run.err, QByteArray());
    QCOMPARE(run.out, expected);
}

void TestCliFormat::queryWithSortKeys()
{
    const CliRun run = runFormat({QStringLiteral("--query=$.a[*]"), QStringLiteral("--sort-keys"),
                                  QStringLiteral("--minify")},
                                 R"({"a":[{"z":1,"y":2},{"b":{"d":3,"c":4}}]})");

    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, kExitOk);
    QCOMPARE(run.out, QByteArray(R"([{"y":2,"z":1},{"b":{"c":4,"d":3}}])"
                                 "\n"));
}

void TestCliFormat::queryReportsInvalidJsonWithFileLineAndColumn()
{
    const QString path = dataPath(QStringLiteral("trailing-comma.json"));
    const CliRun run = runFormat({QStringLiteral("--query=$..*"), path});

    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, kExitInvalidJson);
    QCOMPARE(run.out, QByteArray());
    QCOMPARE(QString::fromUtf8(run.err),
             QStringLiteral("ferry-cli: %1:3:21: trailing comma before ']': a ',' must be "
                            "followed by another element\n")
                 .arg(path));
}

void TestCliFormat::invalidQueryExitsWithUsageError_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("message");

    QTest::newRow("unclosed bracket")
        << QStringLiteral("$.items[0")
        << QStringLiteral("ferry-cli: --query: column 10: expected ',' or ']' in brackets, got "
                          "end of path\n");
    QTest::newRow("no root") << QStringLiteral("items")
                             << QStringLiteral("ferry-cli: --query: column 1: a JSONPath starts "
                                               "with '$'\n");
    QTest::newRow("single equals")
        << QStringLiteral("$.items[?(@.id = 1)]")
        << QStringLiteral("ferry-cli: --query: column 16: '=' is not a comparison; use '=='\n");
}

void TestCliFormat::invalidQueryExitsWithUsageError()
{
    QFETCH(QString, path);
    QFETCH(QString, message);

    // The path is checked before any input is read, so even invalid JSON gives exit code 2.
    const CliRun run = runFormat({QStringLiteral("--query"), path}, "not json");

    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, kExitUsage);
    QCOMPARE(run.out, QByteArray());
    QCOMPARE(QString::fromUtf8(run.err), message);
}

void TestCliFormat::decodesWideInput_data()
{
    QTest::addColumn<int>("encoding");
    QTest::addColumn<bool>("withMark");
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("name");

    // Windows tools often save JSON as UTF-16, with or without a byte order mark.
    const QStringList plain;
    const QStringList sorted{QStringLiteral("--sort-keys")};
    QTest::newRow("UTF-16 LE with mark")
        << int(QStringConverter::Utf16LE) << true << plain << QStringLiteral("UTF-16 LE");
    QTest::newRow("UTF-16 LE without mark")
        << int(QStringConverter::Utf16LE) << false << plain << QStringLiteral("UTF-16 LE");
    QTest::newRow("UTF-16 BE with mark")
        << int(QStringConverter::Utf16BE) << true << plain << QStringLiteral("UTF-16 BE");
    QTest::newRow("UTF-16 BE without mark, sorted")
        << int(QStringConverter::Utf16BE) << false << sorted << QStringLiteral("UTF-16 BE");
    QTest::newRow("UTF-32 LE with mark")
        << int(QStringConverter::Utf32LE) << true << plain << QStringLiteral("UTF-32 LE");
}

void TestCliFormat::decodesWideInput()
{
    QFETCH(int, encoding);
    QFETCH(bool, withMark);
    QFETCH(QStringList, arguments);
    QFETCH(QString, name);

    QStringEncoder encoder(QStringConverter::Encoding(encoding),
                           withMark ? QStringConverter::Flag::WriteBom
                                    : QStringConverter::Flag::Default);
    const QByteArray input = encoder.encode(QStringLiteral("{\"caf\u00e9\": \"\U0001F600\"}"));

    const CliRun run = runFormat(arguments, input);

    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, kExitOk);
    QCOMPARE(QString::fromUtf8(run.out), QStringLiteral("{\n  \"caf\u00e9\": \"\U0001F600\"\n}\n"));
    QCOMPARE(QString::fromUtf8(run.err),
             QStringLiteral("ferry-cli: <stdin>: %1 body shown as UTF-8\n").arg(name));
}

void TestCliFormat::reportsErrorsInUtf16InputByCharacter()
{
    // Line and column count characters, so they are the same as in the UTF-16 text.
    QStringEncoder encoder(QStringConverter::Utf16LE);
    const QByteArray input = encoder.encode(QStringLiteral("{\n  \"\u00e9\": [1,]\n}"));

    const CliRun run = runFormat({}, input);

    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, kExitInvalidJson);
    QCOMPARE(run.out, QByteArray());
    QVERIFY2(run.err.startsWith("ferry-cli: <stdin>: UTF-16 LE body shown as UTF-8\n"
                                "ferry-cli: <stdin>:2:11: trailing comma"),
             run.err.constData());
}

QTEST_GUILESS_MAIN(TestCliFormat)
#include "tst_cli_format.moc"
