#include "core/json/jsonpath.h"

#include <QTest>

using namespace ferry::json;

namespace {

// An order-history response of the kind Ferry users filter: nested objects and arrays, a
// price too precise for a double, a duplicate key, an escaped key, and values of every type.
// (The apostrophe is escaped as \u0027 also because moc misreads one inside a raw string.)
const QByteArray kOrders = R"({
  "shop": "Harbour Books",
  "orders": [
    {"id": 1, "item": "map", "price": 8.95, "tags": ["paper"], "paid": true},
    {"id": 2, "item": "compass", "price": 12.99, "paid": false},
    {"id": 3, "item": "sextant", "price": 12345678901234567890.01, "tags": []},
    {"id": 4, "item": "rope", "price": 1e1, "paid": null, "note": "caf\u00e9"}
  ],
  "owner": {"name": "Ada", "address": {"city": "Lisbon", "name": "Home"}},
  "dup": 1, "dup": 2,
  "it\u0027s": "quoted",
  "a.b": 5
})";

QByteArray run(QStringView path, QByteArrayView json = kOrders)
{
    const ferry::Result<QByteArray> result = query(json, path, {2, true});
    if (!result) {
        qWarning("unexpected error at column %d: %s", result.error().column,
                 qPrintable(result.error().message));
        return "<error>";
    }
    return *result;
}

} // namespace

class TestJsonPath final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void selects_data();
    void selects();
    void formatsMatchesWithTheRequestedIndent();
    void comparesNumbersExactly_data();
    void comparesNumbersExactly();
    void rejectsMalformedPaths_data();
    void rejectsMalformedPaths();
    void reportsInvalidJson();
    void descendsThroughDeepNestingWithoutRecursion();
};

void TestJsonPath::selects_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("expected");

    const auto row = [](const char *name, const QString &path, const QByteArray &expected) {
        QTest::newRow(name) << path << expected;
    };

    row("root", QStringLiteral("$"), "[" + format(kOrders, {2, true}).text + "]");
    row("dot name", QStringLiteral("$.shop"), R"(["Harbour Books"])");
    row("nested names", QStringLiteral("$.owner.address.city"), R"(["Lisbon"])");
    row("missing name", QStringLiteral("$.nothing.here"), "[]");
    row("single quoted", QStringLiteral("$['shop']"), R"(["Harbour Books"])");
    row("double quoted", QStringLiteral("$[\"owner\"]['name']"), R"(["Ada"])");
    row("escaped quote in name", QStringLiteral("$['it\\'s']"), R"(["quoted"])");
    row("dot inside a quoted name", QStringLiteral("$['a.b']"), "[5]");
    row("unicode escape in name", QStringLiteral("$['\\u0073hop']"), R"(["Harbour Books"])");
    row("duplicate keys both match", QStringLiteral("$.dup"), "[1,2]");
    row("index", QStringLiteral("$.orders[1].item"), R"(["compass"])");
    row("negative index", QStringLiteral("$.orders[-1].id"), "[4]");
    row("index past the end", QStringLiteral("$.orders[4]"), "[]");
    row("negative index past the start", QStringLiteral("$.orders[-5]"), "[]");
    row("index on an object", QStringLiteral("$.owner[0]"), "[]");
    row("name on an array", QStringLiteral("$.orders.id"), "[]");
    row("bracket wildcard", QStringLiteral("$.orders[*].id"), "[1,2,3,4]");
    row("dot wildcard on object", QStringLiteral("$.owner.*"),
        R"(["Ada",{"city":"Lisbon","name":"Home"}])");
    row("wildcard on a scalar", QStringLiteral("$.shop.*"), "[]");
    row("slice", QStringLiteral("$.orders[1:3].id"), "[2,3]");
    row("slice open end", QStringLiteral("$.orders[2:].id"), "[3,4]");
    row("slice open start", QStringLiteral("$.orders[:2].id"), "[1,2]");
    row("slice negative start", QStringLiteral("$.orders[-2:].id"), "[3,4]");
    row("slice step", QStringLiteral("$.orders[::2].id"), "[1,3]");
    row("slice negative step", QStringLiteral("$.orders[::-1].id"), "[4,3,2,1]");
    row("slice negative step with bounds", QStringLiteral("$.orders[3:0:-2].id"), "[4,2]");
    row("slice zero step", QStringLiteral("$.orders[::0]"), "[]");
    row("slice beyond the ends", QStringLiteral("$.orders[-100:100].id"), "[1,2,3,4]");
    row("index union", QStringLiteral("$.orders[0,2].item"), R"(["map","sextant"])");
    row("union keeps repeats and order", QStringLiteral("$.orders[3,0,3].id"), "[4,1,4]");
    row("name union", QStringLiteral("$.owner['name','missing',\"address\"]"),
        R"(["Ada",{"city":"Lisbon","name":"Home"}])");
    row("union of slice and index", QStringLiteral("$.orders[0:1, -1].id"), "[1,4]");
    row("recursive descent", QStringLiteral("$..name"), R"(["Ada","Home"])");
    row("recursive descent in arrays", QStringLiteral("$..tags[0]"), R"(["paper"])");
    row("recursive wildcard", QStringLiteral("$.owner..*"),
        R"(["Ada",{"city":"Lisbon","name":"Home"},"Lisbon","Home"])");
    row("recursive bracket", QStringLiteral("$..['city','shop']"), R"(["Harbour Books","Lisbon"])");
    row("filter less than", QStringLiteral("$.orders[?(@.price < 10)].item"), R"(["map"])");
    row("filter without parentheses", QStringLiteral("$.orders[?@.price >= 12.99].id"), "[2,3]");
    row("filter string equality", QStringLiteral("$.orders[?(@.item == 'rope')].id"), "[4]");
    row("filter decoded string equality", QStringLiteral("$.orders[?(@.note == 'café')].id"),
        "[4]");
    row("filter not equal", QStringLiteral("$.orders[?(@.item != \"map\")].id"), "[2,3,4]");
    row("filter existence", QStringLiteral("$.orders[?(@.tags)].id"), "[1,3]");
    row("filter existence of null", QStringLiteral("$.orders[?(@.paid)].id"), "[1,2,4]");
    row("filter negated existence", QStringLiteral("$.orders[?(!@.tags)].id"), "[2,4]");
    row("filter and", QStringLiteral("$.orders[?(@.price > 5 && @.paid == true)].id"), "[1]");
    row("filter or", QStringLiteral("$.orders[?(@.id == 1 || @.id == 4)].item"),
        R"(["map","rope"])");
    row("and binds tighter than or",
        QStringLiteral("$.orders[?(@.id == 1 || @.id > 2 && @.paid == null)].id"), "[1,4]");
    row("parentheses", QStringLiteral("$.orders[?((@.id == 1 || @.id > 2) && @.tags)].id"),
        "[1,3]");
    row("filter false literal", QStringLiteral("$.orders[?(@.paid == false)].id"), "[2]");
    row("filter null literal", QStringLiteral("$.orders[?(@.paid == null)].id"), "[4]");
    row("filter missing is not null", QStringLiteral("$.orders[?(@.note != null)].id"),
        "[1,2,3,4]");
    row("filter literal on the left", QStringLiteral("$.orders[?(10 == @.price)].item"),
        R"(["rope"])");
    row("filter against the root", QStringLiteral("$.orders[?(@.id == $.dup)].id"), "[1]");
    row("filter on an index inside", QStringLiteral("$.orders[?(@.tags[0] == 'paper')].id"), "[1]");
    row("filter on an object's values", QStringLiteral("$.owner[?(@.city)].name"), R"(["Home"])");
    row("filter compares strings in order", QStringLiteral("$.orders[?(@.item < 'n')].item"),
        R"(["map","compass"])");
    row("mixed types never order", QStringLiteral("$.orders[?(@.item < 5)]"), "[]");
    row("filter on the current value", QStringLiteral("$.orders[*].tags[?(@ == 'paper')]"),
        R"(["paper"])");
    row("recursive filter", QStringLiteral("$..[?(@.name == 'Home')].city"), R"(["Lisbon"])");
    row("nested filter", QStringLiteral("$.orders[?(@.tags[?(@ == 'paper')])].id"), "[1]");
    row("spaces around segments", QStringLiteral(" $ .orders[ 0 , 1 ] .id "), "[1,2]");
}

void TestJsonPath::selects()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, expected);

    QCOMPARE(run(path), expected);
}

void TestJsonPath::formatsMatchesWithTheRequestedIndent()
{
    const ferry::Result<QByteArray> result =
        query(kOrders, u"$.orders[?(@.id == 3)]['price','tags']", {2, false});

    QVERIFY(result);
    QCOMPARE(*result, QByteArray("[\n  12345678901234567890.01,\n  []\n]"));
}

void TestJsonPath::comparesNumbersExactly_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("expected");

    // Each pair differs only beyond what a double can tell apart, or is written differently.
    QTest::newRow("equal beyond 64 bits") << QStringLiteral("$[?(@ == 12345678901234567891)]")
                                          << QByteArray("[12345678901234567891]");
    QTest::newRow("less beyond 64 bits")
        << QStringLiteral("$[?(@ < 12345678901234567891 && @ > 1e19)]")
        << QByteArray("[12345678901234567890]");
    QTest::newRow("same value, other text")
        << QStringLiteral("$[?(@ == 1)]") << QByteArray("[1.0,1,100e-2]");
    QTest::newRow("zero is zero") << QStringLiteral("$[?(@ == 0)]") << QByteArray("[-0,0.0]");
    QTest::newRow("huge exponent") << QStringLiteral("$[?(@ > 1e399)]") << QByteArray("[1.5e400]");
    QTest::newRow("tiny exponent")
        << QStringLiteral("$[?(@ > 0 && @ < 1e-399)]") << QByteArray("[1e-400]");
    QTest::newRow("negatives") << QStringLiteral("$[?(@ < -1)]") << QByteArray("[-2,-10]");
    QTest::newRow("negatives order") << QStringLiteral("$[?(@ < -2.5)]") << QByteArray("[-10]");
    QTest::newRow("less or equal") << QStringLiteral("$[?(@ <= -2)]") << QByteArray("[-2,-10]");
}

void TestJsonPath::comparesNumbersExactly()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, expected);

    const QByteArray json = R"([12345678901234567890, 12345678901234567891, 1.0, 1, 100e-2,
                                -0, 0.0, 1.5e400, 1e-400, -2, -10])";
    QCOMPARE(run(path, json), expected);
}

void TestJsonPath::rejectsMalformedPaths_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("message");

    QTest::newRow("empty") << QString() << 1 << QStringLiteral("a JSONPath starts with '$'");
    QTest::newRow("no root") << QStringLiteral("orders[0]") << 1
                             << QStringLiteral("a JSONPath starts with '$'");
    QTest::newRow("unclosed bracket")
        << QStringLiteral("$.orders[0") << 11
        << QStringLiteral("expected ',' or ']' in brackets, got end of path");
    QTest::newRow("empty brackets")
        << QStringLiteral("$.orders[]") << 10
        << QStringLiteral("empty brackets: expected a name, index, slice, '*' or filter");
    QTest::newRow("dot without name")
        << QStringLiteral("$.") << 3
        << QStringLiteral("expected a member name or '*' after '.', got end of path");
    QTest::newRow("name starting with a digit")
        << QStringLiteral("$.orders.0") << 10
        << QStringLiteral("a member name cannot start with a digit; write ['0'] for such a name "
                          "or [n] for an index");
    QTest::newRow("unterminated string")
        << QStringLiteral("$['shop]") << 3 << QStringLiteral("unterminated string: no closing '");
    QTest::newRow("unknown escape")
        << QStringLiteral("$['a\\qb']") << 5 << QStringLiteral("unknown escape '\\q' in a string");
    QTest::newRow("bad unicode escape")
        << QStringLiteral("$['\\u12G4']") << 4
        << QStringLiteral("\\u must be followed by four hex digits");
    QTest::newRow("minus without digits")
        << QStringLiteral("$[-]") << 4 << QStringLiteral("expected a digit after '-'");
    QTest::newRow("index too large")
        << QStringLiteral("$[99999999999999999999]") << 3
        << QStringLiteral("index 99999999999999999999 is out of range (at most 16 digits)");
    QTest::newRow("trailing garbage")
        << QStringLiteral("$.shop)") << 7
        << QStringLiteral("unexpected ')'; expected '.', '..' or '['");
    QTest::newRow("single equals") << QStringLiteral("$[?(@.id = 1)]") << 10
                                   << QStringLiteral("'=' is not a comparison; use '=='");
    QTest::newRow("unclosed parenthesis")
        << QStringLiteral("$[?(@.id == 1]") << 14
        << QStringLiteral("expected ')' to close the '(' at column 4, got ']'");
    QTest::newRow("missing right operand")
        << QStringLiteral("$[?(@.id == )]") << 13
        << QStringLiteral("expected '@', '$', a number, a quoted string, true, false or null, "
                          "got ')'");
    QTest::newRow("literal alone")
        << QStringLiteral("$[?(1)]") << 5
        << QStringLiteral("a literal alone is not a test; compare it with ==, !=, <, <=, > or >=");
    QTest::newRow("comparing many values")
        << QStringLiteral("$[?(@.* == 1)]") << 5
        << QStringLiteral("only a path to a single value (names and indexes) can be compared");
    QTest::newRow("leading zero") << QStringLiteral("$[?(@.id == 01)]") << 13
                                  << QStringLiteral("a number cannot start with 0 unless it is 0");
    QTest::newRow("bad exponent") << QStringLiteral("$[?(@.id == 1e)]") << 15
                                  << QStringLiteral("expected a digit in the exponent");
    QTest::newRow("single ampersand")
        << QStringLiteral("$[?(@.a & @.b)]") << 9
        << QStringLiteral("expected ')' to close the '(' at column 4, got '&'");
    // Columns count characters, so the emoji (two UTF-16 units) is one column.
    QTest::newRow("column after non-ASCII")
        << QStringLiteral("$['\U0001F600'].x[") << 10
        << QStringLiteral("expected a quoted name, index, slice, '*' or '?' filter in brackets, "
                          "got end of path");
}

void TestJsonPath::rejectsMalformedPaths()
{
    QFETCH(QString, path);
    QFETCH(int, column);
    QFETCH(QString, message);

    const ferry::Result<JsonPath> compiled = JsonPath::parse(path);

    QVERIFY(!compiled);
    QCOMPARE(compiled.error().message, message);
    QCOMPARE(compiled.error().line, 1);
    QCOMPARE(compiled.error().column, column);
}

void TestJsonPath::reportsInvalidJson()
{
    const ferry::Result<QByteArray> result = query("{\"a\": [1,\n 2,]}", u"$.a");

    QVERIFY(!result);
    QCOMPARE(result.error().line, 2);
    QCOMPARE(result.error().column, 4);
    QVERIFY2(result.error().message.startsWith(QStringLiteral("line 2, column 4: ")),
             qPrintable(result.error().message));
}

void TestJsonPath::descendsThroughDeepNestingWithoutRecursion()
{
    constexpr int kDepth = 100'000;
    QByteArray json;
    for (int i = 0; i < kDepth; ++i)
        json += R"({"x":)";
    json += R"({"leaf":12345678901234567890123})";
    json += QByteArray(kDepth, '}');

    QCOMPARE(run(u"$..leaf", json), QByteArray("[12345678901234567890123]"));
}

QTEST_GUILESS_MAIN(TestJsonPath)
#include "tst_jsonpath.moc"
