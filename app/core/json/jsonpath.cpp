#include "core/json/jsonpath.h"

#include <QList>
#include <QString>

#include <algorithm>
#include <optional>

namespace ferry::json {

namespace {

using Kind = JsonTree::Kind;

// Indexes and slice bounds are limited to the integers a double holds exactly, as JSONPath
// (RFC 9535) does, so that a path means the same thing in every tool.
constexpr qint64 kMaxIndex = (qint64(1) << 53) - 1;

// Filters and parentheses nest at most this deep; a path is typed by a person, and the limit
// keeps compiling and evaluating it from recursing without bound.
constexpr int kMaxNesting = 64;

struct Filter;

struct Selector {
    enum class Type : quint8 { Name, Wildcard, Index, Slice, Filter };
    Type type = Type::Name;
    QByteArray name; // UTF-8, for Name
    qint64 index = 0;
    std::optional<qint64> start;
    std::optional<qint64> end;
    qint64 step = 1;
    std::shared_ptr<const Filter> filter;
};

struct Segment {
    bool descendants = false; // `..`: apply the selectors to the node and all its descendants
    std::vector<Selector> selectors;
};

struct Query {
    bool relative = false; // starts at `@` rather than `$`
    std::vector<Segment> segments;

    // True when the query can select at most one node: names and indexes only.
    bool singular() const
    {
        for (const Segment &segment : segments) {
            if (segment.descendants || segment.selectors.size() != 1)
                return false;
            const Selector::Type type = segment.selectors.front().type;
            if (type != Selector::Type::Name && type != Selector::Type::Index)
                return false;
        }
        return true;
    }
};

// A literal in a filter. text holds a number's exact text or a string's decoded UTF-8.
struct Literal {
    Kind kind = Kind::Null;
    QByteArray text;
};

struct Operand {
    bool isQuery = false;
    Query query;
    Literal literal;
};

enum class Comparison : quint8 { Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual };

struct Filter {
    enum class Type : quint8 { Or, And, Not, Exists, Compare };
    Type type = Type::Exists;
    std::vector<std::shared_ptr<const Filter>> operands; // Or, And, Not
    Query query;                                         // Exists
    Operand left;                                        // Compare
    Operand right;
    Comparison comparison = Comparison::Equal;
};

} // namespace

struct JsonPath::Expression {
    Query query;
};

namespace {

// Compiles a path, remembering where in it the first problem is.
class PathParser final {
public:
    explicit PathParser(QStringView path)
        : m_path(path)
    {}

    Result<Query> parse()
    {
        skipSpaces();
        if (!consume(u'$'))
            return fail(QStringLiteral("a JSONPath starts with '$'"));
        Query query;
        if (!parseSegments(query))
            return *m_error;
        skipSpaces();
        if (!atEnd())
            return fail(
                QStringLiteral("unexpected %1; expected '.', '..' or '['").arg(describeHere()));
        return query;
    }

private:
    bool atEnd() const { return m_pos >= m_path.size(); }
    QChar peek(qsizetype ahead = 0) const
    {
        return m_pos + ahead < m_path.size() ? m_path.at(m_pos + ahead) : QChar();
    }
    bool consume(QChar c)
    {
        if (peek() != c)
            return false;
        ++m_pos;
        return true;
    }
    void skipSpaces()
    {
        while (!atEnd()
               && (peek() == u' ' || peek() == u'\t' || peek() == u'\n' || peek() == u'\r'))
            ++m_pos;
    }

    QString describeHere() const
    {
        if (atEnd())
            return QStringLiteral("end of path");
        const char32_t c = QStringView(m_path.sliced(m_pos)).toUcs4().front();
        return QStringLiteral("'%1'").arg(QString::fromUcs4(&c, 1));
    }

    Error fail(const QString &reason) { return failAt(m_pos, reason); }
    Error failAt(qsizetype position, const QString &reason)
    {
        if (!m_error) {
            // Columns count characters, so a surrogate pair is one column.
            const qsizetype column = m_path.first(position).toUcs4().size() + 1;
            m_error = Error{reason, 1, int(column)};
        }
        return *m_error;
    }

    static bool isNameFirst(QChar c)
    {
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || c == u'_'
               || c.unicode() >= 0x80;
    }
    static bool isNameChar(QChar c) { return isNameFirst(c) || (c >= u'0' && c <= u'9'); }

    bool parseSegments(Query &query)
    {
        for (;;) {
            const qsizetype save = m_pos;
            skipSpaces();
            Segment segment;
            if (peek() == u'.' && peek(1) == u'.') {
                m_pos += 2;
                segment.descendants = true;
                if (peek() == u'[') {
                    if (!parseBracket(segment))
                        return false;
                } else if (!parseDotted(segment)) {
                    return false;
                }
            } else if (peek() == u'.') {
                ++m_pos;
                if (!parseDotted(segment))
                    return false;
            } else if (peek() == u'[') {
                if (!parseBracket(segment))
                    return false;
            } else {
                m_pos = save; // what follows belongs to the caller
                return true;
            }
            query.segments.push_back(std::move(segment));
        }
    }

    // After '.' or '..': a member name or '*'.
    bool parseDotted(Segment &segment)
    {
        Selector selector;
        if (consume(u'*')) {
            selector.type = Selector::Type::Wildcard;
        } else if (isNameFirst(peek())) {
            const qsizetype begin = m_pos;
            while (!atEnd() && isNameChar(peek()))
                ++m_pos;
            selector.name = m_path.sliced(begin, m_pos - begin).toUtf8();
        } else {
            const QString reason =
                peek().isDigit()
                    ? QStringLiteral("a member name cannot start with a digit; write ['%1'] "
                                     "for such a name or [n] for an index")
                          .arg(peek())
                    : QStringLiteral("expected a member name or '*' after '.', got %1")
                          .arg(describeHere());
            fail(reason);
            return false;
        }
        segment.selectors.push_back(std::move(selector));
        return true;
    }

    // '[' selector (',' selector)* ']'
    bool parseBracket(Segment &segment)
    {
        ++m_pos; // '['
        for (;;) {
            skipSpaces();
            Selector selector;
            if (!parseSelector(selector))
                return false;
            segment.selectors.push_back(std::move(selector));
            skipSpaces();
            if (consume(u']'))
                return true;
            if (!consume(u',')) {
                fail(QStringLiteral("expected ',' or ']' in brackets, got %1").arg(describeHere()));
                return false;
            }
        }
    }

    bool parseSelector(Selector &selector)
    {
        const QChar c = peek();
        if (c == u'\'' || c == u'"') {
            QString name;
            if (!parseString(name))
                return false;
            selector.name = name.toUtf8();
            return true;
        }
        if (consume(u'*')) {
            selector.type = Selector::Type::Wildcard;
            return true;
        }
        if (consume(u'?')) {
            selector.type = Selector::Type::Filter;
            skipSpaces();
            if (!enter())
                return false;
            auto filter = parseOr();
            --m_depth;
            if (!filter)
                return false;
            selector.filter = std::move(filter);
            return true;
        }
        if (c == u'-' || c == u':' || (c >= u'0' && c <= u'9'))
            return parseIndexOrSlice(selector);
        if (c == u']')
            fail(QStringLiteral("empty brackets: expected a name, index, slice, '*' or filter"));
        else
            fail(QStringLiteral("expected a quoted name, index, slice, '*' or '?' filter in "
                                "brackets, got %1")
                     .arg(describeHere()));
        return false;
    }

    std::optional<qint64> parseInteger()
    {
        const qsizetype begin = m_pos;
        consume(u'-');
        const qsizetype digitsBegin = m_pos;
        while (!atEnd() && peek() >= u'0' && peek() <= u'9')
            ++m_pos;
        if (m_pos == digitsBegin) {
            fail(QStringLiteral("expected a digit after '-'"));
            return std::nullopt;
        }
        bool ok = false;
        const qint64 value = m_path.sliced(begin, m_pos - begin).toLongLong(&ok);
        if (!ok || value > kMaxIndex || value < -kMaxIndex) {
            failAt(begin, QStringLiteral("index %1 is out of range (at most %2 digits)")
                              .arg(m_path.sliced(begin, m_pos - begin))
                              .arg(16));
            return std::nullopt;
        }
        return value;
    }

    bool parseIndexOrSlice(Selector &selector)
    {
        std::optional<qint64> parts[3];
        int colons = 0;
        for (int part = 0; part < 3; ++part) {
            skipSpaces();
            if (peek() == u'-' || (peek() >= u'0' && peek() <= u'9')) {
                parts[part] = parseInteger();
                if (!parts[part])
                    return false;
                skipSpaces();
            }
            if (part < 2 && consume(u':')) {
                ++colons;
                continue;
            }
            break;
        }
        if (colons == 0) {
            selector.type = Selector::Type::Index;
            selector.index = *parts[0];
            return true;
        }
        selector.type = Selector::Type::Slice;
        selector.start = parts[0];
        selector.end = parts[1];
        selector.step = parts[2].value_or(1);
        return true;
    }

    // A quoted string at m_pos, in single or double quotes, with JSON escapes plus \'.
    bool parseString(QString &out)
    {
        const qsizetype begin = m_pos;
        const QChar quote = peek();
        ++m_pos;
        for (;;) {
            if (atEnd()) {
                failAt(begin, QStringLiteral("unterminated string: no closing %1").arg(quote));
                return false;
            }
            const QChar c = peek();
            ++m_pos;
            if (c == quote)
                return true;
            if (c != u'\\') {
                out += c;
                continue;
            }
            const QChar escape = peek();
            ++m_pos;
            switch (escape.unicode()) {
            case 'b':
                out += u'\b';
                break;
            case 'f':
                out += u'\f';
                break;
            case 'n':
                out += u'\n';
                break;
            case 'r':
                out += u'\r';
                break;
            case 't':
                out += u'\t';
                break;
            case '/':
            case '\\':
            case '\'':
            case '"':
                out += escape;
                break;
            case 'u': {
                bool ok = false;
                const ushort unit =
                    m_pos + 4 <= m_path.size() ? m_path.sliced(m_pos, 4).toUShort(&ok, 16) : 0;
                if (!ok) {
                    failAt(m_pos - 2, QStringLiteral("\\u must be followed by four hex digits"));
                    return false;
                }
                m_pos += 4;
                out += QChar(unit);
                break;
            }
            default:
                failAt(m_pos - 2, QStringLiteral("unknown escape '\\%1' in a string")
                                      .arg(escape.isNull() ? QString() : QString(escape)));
                return false;
            }
        }
    }

    // Filter expressions. || binds loosest, then &&, then ! and parentheses.
    // Counts one more level of filters, parentheses or negations.
    bool enter()
    {
        if (++m_depth <= kMaxNesting)
            return true;
        fail(QStringLiteral("filters and parentheses nest more than %1 deep").arg(kMaxNesting));
        return false;
    }

    std::shared_ptr<const Filter> parseOr()
    {
        return parseChain(Filter::Type::Or, u'|', &PathParser::parseAnd);
    }

    // && binds tighter than ||, so each || operand is a chain of && operands.
    std::shared_ptr<const Filter> parseAnd()
    {
        return parseChain(Filter::Type::And, u'&', &PathParser::parseBasic);
    }

    // One or more operands joined by a doubled operator ("||" or "&&"); a single operand is
    // returned as it is.
    std::shared_ptr<const Filter> parseChain(Filter::Type type, char16_t op,
                                             std::shared_ptr<const Filter> (PathParser::*operand)())
    {
        auto first = (this->*operand)();
        if (!first)
            return nullptr;
        auto result = std::make_shared<Filter>();
        result->type = type;
        result->operands.push_back(std::move(first));
        for (;;) {
            skipSpaces();
            if (!(peek() == op && peek(1) == op))
                break;
            m_pos += 2;
            skipSpaces();
            auto next = (this->*operand)();
            if (!next)
                return nullptr;
            result->operands.push_back(std::move(next));
        }
        if (result->operands.size() == 1)
            return result->operands.front();
        return result;
    }

    std::shared_ptr<const Filter> parseBasic()
    {
        skipSpaces();
        if (consume(u'!')) {
            skipSpaces();
            if (peek() == u'=') {
                fail(QStringLiteral("'!=' needs a value on its left"));
                return nullptr;
            }
            if (!enter())
                return nullptr;
            auto operand = parseBasic();
            --m_depth;
            if (!operand)
                return nullptr;
            auto result = std::make_shared<Filter>();
            result->type = Filter::Type::Not;
            result->operands.push_back(std::move(operand));
            return result;
        }
        if (peek() == u'(') {
            const qsizetype open = m_pos;
            ++m_pos;
            skipSpaces();
            if (!enter())
                return nullptr;
            auto inner = parseOr();
            --m_depth;
            if (!inner)
                return nullptr;
            skipSpaces();
            if (!consume(u')')) {
                fail(QStringLiteral("expected ')' to close the '(' at column %1, got %2")
                         .arg(m_path.first(open).toUcs4().size() + 1)
                         .arg(describeHere()));
                return nullptr;
            }
            return inner;
        }

        const qsizetype leftBegin = m_pos;
        Operand left;
        if (!parseOperand(left))
            return nullptr;
        skipSpaces();
        const std::optional<Comparison> comparison = parseComparison();
        if (!comparison) {
            if (!left.isQuery) {
                failAt(leftBegin, QStringLiteral("a literal alone is not a test; compare it "
                                                 "with ==, !=, <, <=, > or >="));
                return nullptr;
            }
            auto result = std::make_shared<Filter>();
            result->type = Filter::Type::Exists;
            result->query = std::move(left.query);
            return result;
        }
        skipSpaces();
        const qsizetype rightBegin = m_pos;
        Operand right;
        if (!parseOperand(right))
            return nullptr;
        if (left.isQuery && !left.query.singular()) {
            failAt(leftBegin, QStringLiteral("only a path to a single value (names and indexes) "
                                             "can be compared"));
            return nullptr;
        }
        if (right.isQuery && !right.query.singular()) {
            failAt(rightBegin, QStringLiteral("only a path to a single value (names and "
                                              "indexes) can be compared"));
            return nullptr;
        }
        auto result = std::make_shared<Filter>();
        result->type = Filter::Type::Compare;
        result->left = std::move(left);
        result->right = std::move(right);
        result->comparison = *comparison;
        return result;
    }

    std::optional<Comparison> parseComparison()
    {
        const QChar a = peek();
        const QChar b = peek(1);
        if (a == u'=' && b == u'=') {
            m_pos += 2;
            return Comparison::Equal;
        }
        if (a == u'!' && b == u'=') {
            m_pos += 2;
            return Comparison::NotEqual;
        }
        if (a == u'<' || a == u'>') {
            const bool orEqual = b == u'=';
            m_pos += orEqual ? 2 : 1;
            if (a == u'<')
                return orEqual ? Comparison::LessOrEqual : Comparison::Less;
            return orEqual ? Comparison::GreaterOrEqual : Comparison::Greater;
        }
        if (a == u'=') {
            fail(QStringLiteral("'=' is not a comparison; use '=='"));
        }
        return std::nullopt;
    }

    bool parseOperand(Operand &operand)
    {
        if (m_error)
            return false;
        const QChar c = peek();
        if (c == u'@' || c == u'$') {
            ++m_pos;
            operand.isQuery = true;
            operand.query.relative = c == u'@';
            return parseSegments(operand.query) && !m_error;
        }
        if (c == u'\'' || c == u'"') {
            QString text;
            if (!parseString(text))
                return false;
            operand.literal.kind = Kind::String;
            operand.literal.text = text.toUtf8();
            return true;
        }
        if (c == u'-' || (c >= u'0' && c <= u'9'))
            return parseNumber(operand.literal);
        for (const auto &[word, kind] : {std::pair{QStringView(u"true"), Kind::True},
                                         std::pair{QStringView(u"false"), Kind::False},
                                         std::pair{QStringView(u"null"), Kind::Null}}) {
            if (m_path.sliced(m_pos).startsWith(word) && !isNameChar(peek(word.size()))) {
                m_pos += word.size();
                operand.literal.kind = kind;
                return true;
            }
        }
        fail(QStringLiteral("expected '@', '$', a number, a quoted string, true, false or null, "
                            "got %1")
                 .arg(describeHere()));
        return false;
    }

    // A JSON number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
    bool parseNumber(Literal &literal)
    {
        const qsizetype begin = m_pos;
        const auto digits = [&] {
            const qsizetype from = m_pos;
            while (!atEnd() && peek() >= u'0' && peek() <= u'9')
                ++m_pos;
            return m_pos - from;
        };
        consume(u'-');
        const qsizetype intBegin = m_pos;
        const qsizetype intDigits = digits();
        if (intDigits == 0) {
            fail(QStringLiteral("expected a digit in the number"));
            return false;
        }
        if (intDigits > 1 && m_path.at(intBegin) == u'0') {
            failAt(intBegin, QStringLiteral("a number cannot start with 0 unless it is 0"));
            return false;
        }
        if (consume(u'.') && digits() == 0) {
            fail(QStringLiteral("expected a digit after the decimal point"));
            return false;
        }
        if (consume(u'e') || consume(u'E')) {
            if (!consume(u'+'))
                consume(u'-');
            if (digits() == 0) {
                fail(QStringLiteral("expected a digit in the exponent"));
                return false;
            }
        }
        literal.kind = Kind::Number;
        literal.text = m_path.sliced(begin, m_pos - begin).toUtf8();
        return true;
    }

    QStringView m_path;
    qsizetype m_pos = 0;
    int m_depth = 0;
    std::optional<Error> m_error;
};

// A number's value as sign, significant digits and the position of the decimal point:
// 0.d1d2d3... times ten to the power point. Zero has no digits.
struct Decimal {
    bool negative = false;
    QByteArray digits;
    qint64 point = 0;
};

Decimal decimalOf(QByteArrayView text)
{
    Decimal d;
    qsizetype i = 0;
    d.negative = i < text.size() && text.at(i) == '-';
    if (d.negative)
        ++i;

    // Integer and fraction digits as one run; point counts the integer digits.
    QByteArray all;
    all.reserve(text.size());
    qint64 point = 0;
    bool inFraction = false;
    for (; i < text.size() && text.at(i) != 'e' && text.at(i) != 'E'; ++i) {
        if (text.at(i) == '.') {
            inFraction = true;
            continue;
        }
        all += text.at(i);
        if (!inFraction)
            ++point;
    }

    qint64 exponent = 0;
    if (i < text.size()) {
        ++i;
        bool negativeExponent = false;
        if (i < text.size() && (text.at(i) == '+' || text.at(i) == '-'))
            negativeExponent = text.at(i++) == '-';
        // Exponents beyond any digit count a text can have are all alike; saturate.
        for (; i < text.size(); ++i)
            exponent = std::min<qint64>(exponent * 10 + (text.at(i) - '0'), qint64(1) << 60);
        if (negativeExponent)
            exponent = -exponent;
    }

    qsizetype lead = 0;
    while (lead < all.size() && all.at(lead) == '0')
        ++lead;
    qsizetype last = all.size();
    while (last > lead && all.at(last - 1) == '0')
        --last;
    if (lead == last) {
        d.negative = false; // -0 == 0
        return d;
    }
    d.point = point - lead + exponent;
    d.digits = all.sliced(lead, last - lead);
    return d;
}

// Compares two JSON numbers by exact value: negative, zero or positive like strcmp.
int compareNumbers(QByteArrayView a, QByteArrayView b)
{
    const Decimal x = decimalOf(a);
    const Decimal y = decimalOf(b);
    const int signX = x.digits.isEmpty() ? 0 : (x.negative ? -1 : 1);
    const int signY = y.digits.isEmpty() ? 0 : (y.negative ? -1 : 1);
    if (signX != signY)
        return signX < signY ? -1 : 1;
    if (signX == 0)
        return 0;

    int magnitude = 0;
    if (x.point != y.point) {
        magnitude = x.point < y.point ? -1 : 1;
    } else {
        // Same leading position: the digit runs decide. Trailing zeros are gone, so of two runs
        // where one is a prefix of the other the longer is larger.
        const int order = x.digits.compare(y.digits);
        magnitude = order < 0 ? -1 : (order > 0 ? 1 : 0);
    }
    return signX * magnitude;
}

// Walks a compiled query over a tree.
class Evaluator final {
public:
    explicit Evaluator(const JsonTree &tree)
        : m_tree(tree)
    {}

    std::vector<int> run(const Query &query, int current) const
    {
        std::vector<int> nodes{query.relative ? current : 0};
        for (const Segment &segment : query.segments) {
            std::vector<int> next;
            for (int node : nodes) {
                if (!segment.descendants) {
                    applySelectors(segment, node, next);
                    continue;
                }
                // Nodes are in document order, so a node and its descendants are one range.
                const int end = m_tree.node(node).subtreeEnd;
                for (int d = node; d < end; ++d) {
                    const Kind kind = m_tree.node(d).kind;
                    if (kind == Kind::Object || kind == Kind::Array)
                        applySelectors(segment, d, next);
                }
            }
            nodes = std::move(next);
            if (nodes.empty())
                break;
        }
        return nodes;
    }

private:
    void applySelectors(const Segment &segment, int node, std::vector<int> &out) const
    {
        const JsonTree::Node &n = m_tree.node(node);
        const bool isObject = n.kind == Kind::Object;
        const bool isArray = n.kind == Kind::Array;
        if (!isObject && !isArray)
            return;
        for (const Selector &selector : segment.selectors) {
            switch (selector.type) {
            case Selector::Type::Name:
                if (!isObject)
                    break;
                for (int child = n.firstChild; child >= 0; child = m_tree.node(child).nextSibling) {
                    if (m_tree.key(child) == selector.name)
                        out.push_back(child);
                }
                break;
            case Selector::Type::Wildcard:
                for (int child = n.firstChild; child >= 0; child = m_tree.node(child).nextSibling)
                    out.push_back(child);
                break;
            case Selector::Type::Index: {
                if (!isArray)
                    break;
                const qint64 index =
                    selector.index < 0 ? selector.index + n.childCount : selector.index;
                if (index < 0 || index >= n.childCount)
                    break;
                int child = n.firstChild;
                for (qint64 i = 0; i < index; ++i)
                    child = m_tree.node(child).nextSibling;
                out.push_back(child);
                break;
            }
            case Selector::Type::Slice:
                if (isArray)
                    applySlice(selector, m_tree.children(node), out);
                break;
            case Selector::Type::Filter:
                for (int child = n.firstChild; child >= 0; child = m_tree.node(child).nextSibling) {
                    if (test(*selector.filter, child))
                        out.push_back(child);
                }
                break;
            }
        }
    }

    // Slices as JSONPath (RFC 9535, section 2.3.4) defines them, including negative steps.
    static void applySlice(const Selector &selector, const std::vector<int> &items,
                           std::vector<int> &out)
    {
        const qint64 length = qint64(items.size());
        const qint64 step = selector.step;
        if (step == 0 || length == 0)
            return;
        const auto normalize = [length](qint64 i) {
            return i >= 0 ? i : length + i;
        };
        if (step > 0) {
            const qint64 start =
                std::clamp(normalize(selector.start.value_or(0)), qint64(0), length);
            const qint64 end =
                std::clamp(normalize(selector.end.value_or(length)), qint64(0), length);
            for (qint64 i = start; i < end; i += step)
                out.push_back(items[size_t(i)]);
        } else {
            const qint64 start =
                selector.start ? std::clamp(normalize(*selector.start), qint64(-1), length - 1)
                               : length - 1;
            const qint64 end = selector.end
                                   ? std::clamp(normalize(*selector.end), qint64(-1), length - 1)
                                   : qint64(-1);
            for (qint64 i = start; i > end; i += step)
                out.push_back(items[size_t(i)]);
        }
    }

    // A value a comparison looks at: a node, a literal, or nothing (a path that found none).
    struct Value {
        bool present = false;
        Kind kind = Kind::Null;
        QByteArray text; // number text, decoded string, or compact container text
    };

    Value valueOf(const Operand &operand, int current) const
    {
        if (!operand.isQuery)
            return {true, operand.literal.kind, operand.literal.text};
        const std::vector<int> found = run(operand.query, current);
        if (found.empty())
            return {};
        const int node = found.front();
        const Kind kind = m_tree.node(node).kind;
        switch (kind) {
        case Kind::String:
            return {true, kind, JsonTree::unescape(m_tree.span(node))};
        case Kind::Object:
        case Kind::Array:
            return {true, kind, compactText(m_tree.span(node))};
        default:
            return {true, kind, m_tree.span(node).toByteArray()};
        }
    }

    // The text without whitespace outside strings.
    static QByteArray compactText(QByteArrayView text)
    {
        QByteArray out;
        out.reserve(text.size());
        bool inString = false;
        for (qsizetype i = 0; i < text.size(); ++i) {
            const char c = text.at(i);
            if (inString) {
                out += c;
                if (c == '\\')
                    out += text.at(++i);
                else if (c == '"')
                    inString = false;
            } else if (c == '"') {
                inString = true;
                out += c;
            } else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                out += c;
            }
        }
        return out;
    }

    static bool equal(const Value &a, const Value &b)
    {
        if (!a.present || !b.present)
            return a.present == b.present;
        if (a.kind != b.kind)
            return false;
        if (a.kind == Kind::Number)
            return compareNumbers(a.text, b.text) == 0;
        if (a.kind == Kind::True || a.kind == Kind::False || a.kind == Kind::Null)
            return true;
        return a.text == b.text;
    }

    static bool less(const Value &a, const Value &b)
    {
        if (!a.present || !b.present || a.kind != b.kind)
            return false;
        if (a.kind == Kind::Number)
            return compareNumbers(a.text, b.text) < 0;
        if (a.kind == Kind::String)
            return a.text < b.text; // UTF-8 byte order is code point order
        return false;
    }

    bool test(const Filter &filter, int current) const
    {
        switch (filter.type) {
        case Filter::Type::Or:
            return std::any_of(filter.operands.begin(), filter.operands.end(),
                               [&](const auto &f) { return test(*f, current); });
        case Filter::Type::And:
            return std::all_of(filter.operands.begin(), filter.operands.end(),
                               [&](const auto &f) { return test(*f, current); });
        case Filter::Type::Not:
            return !test(*filter.operands.front(), current);
        case Filter::Type::Exists:
            return !run(filter.query, current).empty();
        case Filter::Type::Compare:
            break;
        }
        const Value a = valueOf(filter.left, current);
        const Value b = valueOf(filter.right, current);
        switch (filter.comparison) {
        case Comparison::Equal:
            return equal(a, b);
        case Comparison::NotEqual:
            return !equal(a, b);
        case Comparison::Less:
            return less(a, b);
        case Comparison::LessOrEqual:
            return less(a, b)
                   || ((a.kind == Kind::Number || a.kind == Kind::String) && equal(a, b));
        case Comparison::Greater:
            return less(b, a);
        case Comparison::GreaterOrEqual:
            return less(b, a)
                   || ((a.kind == Kind::Number || a.kind == Kind::String) && equal(a, b));
        }
        return false;
    }

    const JsonTree &m_tree;
};

} // namespace

Result<JsonPath> JsonPath::parse(QStringView path)
{
    PathParser parser(path);
    Result<Query> query = parser.parse();
    if (!query)
        return query.error();
    auto expression = std::make_shared<Expression>();
    expression->query = std::move(query).value();
    JsonPath compiled;
    compiled.m_expression = std::move(expression);
    return compiled;
}

std::vector<int> JsonPath::select(const JsonTree &tree) const
{
    if (!m_expression || tree.nodes().empty())
        return {};
    return Evaluator(tree).run(m_expression->query, 0);
}

FormatOutcome query(QByteArrayView json, const JsonPath &path, const FormatOptions &options)
{
    const JsonTree::Outcome parsed = JsonTree::parse(json);
    if (parsed.error)
        return {QByteArray(), parsed.error};

    QByteArray matches = "[";
    for (int node : path.select(parsed.tree)) {
        if (matches.size() > 1)
            matches += ',';
        matches.append(parsed.tree.span(node));
    }
    matches += ']';
    return format(matches, options);
}

Result<QByteArray> query(QByteArrayView json, QStringView path, const FormatOptions &options)
{
    const Result<JsonPath> compiled = JsonPath::parse(path);
    if (!compiled)
        return compiled.error();
    FormatOutcome outcome = query(json, *compiled, options);
    if (outcome.error)
        return Error{outcome.error->describe(), outcome.error->line, outcome.error->column};
    return std::move(outcome.text);
}

} // namespace ferry::json
