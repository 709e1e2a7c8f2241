#include "core/json/jsonencoding.h"
#include "core/json/jsonformatter.h"

#include <QStringEncoder>
#include <QTest>

using namespace ferry::json;

namespace {

// A body with characters from every UTF-8 length: ASCII, é (2 bytes), € (3) and 😀 (4, a
// surrogate pair in UTF-16).
const QString kText = QStringLiteral("{\"caf\u00e9\": \"10 \u20ac \U0001F600\"}");

QByteArray encoded(QStringConverter::Encoding encoding, bool withMark)
{
    QStringEncoder encoder(encoding, withMark ? QStringConverter::Flag::WriteBom
                                              : QStringConverter::Flag::Default);
    return encoder.encode(kText);
}

} // namespace

Q_DECLARE_METATYPE(QStringConverter::Encoding)

class TestJsonEncoding final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void transcodesWideEncodings_data();
    void transcodesWideEncodings();
    void detectsOneCharacterUtf16();
    void passesUtf8Through();
    void dropsTheUtf8ByteOrderMark();
    void namesTheOffsetOfInvalidUtf8_data();
    void namesTheOffsetOfInvalidUtf8();
    void notesInvalidUtf16();
    void decodedBodiesFormat();
};

void TestJsonEncoding::transcodesWideEncodings_data()
{
    QTest::addColumn<QStringConverter::Encoding>("encoding");
    QTest::addColumn<bool>("withMark");
    QTest::addColumn<QString>("note");

    const QString le16 = QStringLiteral("UTF-16 LE body shown as UTF-8");
    const QString be16 = QStringLiteral("UTF-16 BE body shown as UTF-8");
    const QString le32 = QStringLiteral("UTF-32 LE body shown as UTF-8");
    const QString be32 = QStringLiteral("UTF-32 BE body shown as UTF-8");
    QTest::newRow("UTF-16 LE with mark") << QStringConverter::Utf16LE << true << le16;
    QTest::newRow("UTF-16 LE without mark") << QStringConverter::Utf16LE << false << le16;
    QTest::newRow("UTF-16 BE with mark") << QStringConverter::Utf16BE << true << be16;
    QTest::newRow("UTF-16 BE without mark") << QStringConverter::Utf16BE << false << be16;
    QTest::newRow("UTF-32 LE with mark") << QStringConverter::Utf32LE << true << le32;
    QTest::newRow("UTF-32 LE without mark") << QStringConverter::Utf32LE << false << le32;
    QTest::newRow("UTF-32 BE with mark") << QStringConverter::Utf32BE << true << be32;
    QTest::newRow("UTF-32 BE without mark") << QStringConverter::Utf32BE << false << be32;
}

void TestJsonEncoding::transcodesWideEncodings()
{
    QFETCH(QStringConverter::Encoding, encoding);
    QFETCH(bool, withMark);
    QFETCH(QString, note);

    const DecodedText decoded = decodeToUtf8(encoded(encoding, withMark));

    QCOMPARE(decoded.utf8, kText.toUtf8());
    QCOMPARE(decoded.note, note);
}

void TestJsonEncoding::detectsOneCharacterUtf16()
{
    // "1" is a complete JSON text; in UTF-16 it is two bytes, too short for the 4-byte pattern.
    QCOMPARE(decodeToUtf8(QByteArrayView("1\0", 2)).utf8, QByteArray("1"));
    QCOMPARE(decodeToUtf8(QByteArrayView("\0"
                                         "1",
                                         2))
                 .note,
             QStringLiteral("UTF-16 BE body shown as UTF-8"));
}

void TestJsonEncoding::passesUtf8Through()
{
    const DecodedText decoded = decodeToUtf8(kText.toUtf8());

    QCOMPARE(decoded.utf8, kText.toUtf8());
    QCOMPARE(decoded.note, QString());
    QCOMPARE(decodeToUtf8({}).utf8, QByteArray());
    QCOMPARE(decodeToUtf8({}).note, QString());
}

void TestJsonEncoding::dropsTheUtf8ByteOrderMark()
{
    const DecodedText decoded = decodeToUtf8("\xEF\xBB\xBF[1]");

    QCOMPARE(decoded.utf8, QByteArray("[1]"));
    QCOMPARE(decoded.note, QString());
}

void TestJsonEncoding::namesTheOffsetOfInvalidUtf8_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("offset");

    // A Latin-1 body labelled as JSON is the usual way this happens.
    QTest::newRow("latin-1 e acute") << QByteArray("{\"caf\xE9\": 1}") << 5;
    QTest::newRow("after valid multi-byte") << QByteArray("[\"\xE2\x82\xAC\", \"\x80\"]") << 9;
    QTest::newRow("offset counts the mark") << QByteArray("\xEF\xBB\xBF[\"\xFF\"]") << 5;
    QTest::newRow("truncated at the end") << QByteArray("\"ab\xE2\x82") << 3;
    QTest::newRow("overlong slash") << QByteArray("\"\xC0\xAF\"") << 1;
    QTest::newRow("overlong three bytes") << QByteArray("\"\xE0\x80\xAF\"") << 1;
    QTest::newRow("encoded surrogate") << QByteArray("\"\xED\xA0\x80\"") << 1;
    QTest::newRow("beyond U+10FFFF") << QByteArray("\"\xF4\x90\x80\x80\"") << 1;
    QTest::newRow("bad continuation") << QByteArray("\"\xF0\x9F\x98\x41\"") << 1;
}

void TestJsonEncoding::namesTheOffsetOfInvalidUtf8()
{
    QFETCH(QByteArray, body);
    QFETCH(int, offset);

    const DecodedText decoded = decodeToUtf8(body);

    QCOMPARE(decoded.note, QStringLiteral("invalid UTF-8 at byte %1 of the body").arg(offset));
    QCOMPARE(decoded.utf8, body.startsWith("\xEF\xBB\xBF") ? body.sliced(3) : body);
}

void TestJsonEncoding::notesInvalidUtf16()
{
    // A lone high surrogate, then '1'.
    const DecodedText decoded = decodeToUtf8(QByteArrayView("\xFF\xFE\x3D\xD8"
                                                            "1\0",
                                                            6));

    QCOMPARE(decoded.utf8, QByteArray("\xEF\xBF\xBD"
                                      "1"));
    QCOMPARE(decoded.note, QStringLiteral("UTF-16 LE body shown as UTF-8; sequences that were "
                                          "not valid UTF-16 LE are shown as U+FFFD"));
}

void TestJsonEncoding::decodedBodiesFormat()
{
    const DecodedText decoded = decodeToUtf8(encoded(QStringConverter::Utf16LE, true));
    const FormatOutcome outcome = format(decoded.utf8);

    QVERIFY(!outcome.error);
    QCOMPARE(QString::fromUtf8(outcome.text),
             QStringLiteral("{\n  \"caf\u00e9\": \"10 \u20ac \U0001F600\"\n}"));
}

QTEST_GUILESS_MAIN(TestJsonEncoding)
#include "tst_jsonencoding.moc"
