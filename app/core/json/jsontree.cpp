#include "core/json/jsontree.h"

#include <QString>

namespace ferry::json {

namespace {

bool isWhitespace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

void appendUtf8(QByteArray &out, char32_t c)
{
    if (c < 0x80) {
        out += char(c);
    } else if (c < 0x800) {
        out += char(0xC0 | (c >> 6));
        out += char(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += char(0xE0 | (c >> 12));
        out += char(0x80 | ((c >> 6) & 0x3F));
        out += char(0x80 | (c & 0x3F));
    } else {
        out += char(0xF0 | (c >> 18));
        out += char(0x80 | ((c >> 12) & 0x3F));
        out += char(0x80 | ((c >> 6) & 0x3F));
        out += char(0x80 | (c & 0x3F));
    }
}

// Reads the four hex digits after "\u" at text[i]; the text is known to be valid.
char32_t readHex4(QByteArrayView text, qsizetype i)
{
    char32_t value = 0;
    for (qsizetype k = 0; k < 4; ++k)
        value = (value << 4) | char32_t(hexValue(text.at(i + k)));
    return value;
}

} // namespace

JsonTree::Outcome JsonTree::parse(QByteArrayView text)
{
    Outcome outcome;
    // The streaming formatter is the one place that knows the grammar and its messages; once
    // it accepts the text, building the tree below can trust it.
    outcome.error = validate(text);
    if (outcome.error)
        return outcome;

    JsonTree &tree = outcome.tree;
    tree.m_text = text;
    std::vector<Node> &nodes = tree.m_nodes;
    const qsizetype size = text.size();
    qsizetype pos = text.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    const auto skipWhitespace = [&] {
        while (pos < size && isWhitespace(text.at(pos)))
            ++pos;
    };
    const auto skipString = [&] {
        ++pos; // the opening quote
        while (text.at(pos) != '"')
            pos += text.at(pos) == '\\' ? 2 : 1;
        ++pos;
    };

    std::vector<int> open;      // the containers not yet closed, innermost last
    std::vector<int> lastChild; // the last child so far of each open container
    qsizetype keyBegin = -1;
    qsizetype keyEnd = -1;
    bool valueDone = false;
    const auto readKey = [&] {
        skipWhitespace();
        keyBegin = pos;
        skipString();
        keyEnd = pos;
        skipWhitespace();
        ++pos; // ':'
    };
    const auto close = [&] {
        const int index = open.back();
        nodes[size_t(index)].end = pos;
        nodes[size_t(index)].subtreeEnd = int(nodes.size());
        open.pop_back();
        lastChild.pop_back();
    };

    for (;;) {
        if (!valueDone) {
            skipWhitespace();
            const int index = int(nodes.size());
            Node node;
            node.begin = pos;
            node.keyBegin = keyBegin;
            node.keyEnd = keyEnd;
            keyBegin = keyEnd = -1;
            if (!open.empty()) {
                node.parent = open.back();
                Node &parent = nodes[size_t(open.back())];
                if (lastChild.back() < 0)
                    parent.firstChild = index;
                else
                    nodes[size_t(lastChild.back())].nextSibling = index;
                ++parent.childCount;
                lastChild.back() = index;
            }
            const char c = text.at(pos);
            if (c == '{' || c == '[') {
                node.kind = c == '{' ? Kind::Object : Kind::Array;
                nodes.push_back(node);
                open.push_back(index);
                lastChild.push_back(-1);
                ++pos;
                skipWhitespace();
                if (text.at(pos) == '}' || text.at(pos) == ']') {
                    ++pos;
                    close();
                    valueDone = true;
                } else if (c == '{') {
                    readKey();
                }
                continue;
            }
            if (c == '"') {
                node.kind = Kind::String;
                skipString();
            } else if (c == 't') {
                node.kind = Kind::True;
                pos += 4;
            } else if (c == 'f') {
                node.kind = Kind::False;
                pos += 5;
            } else if (c == 'n') {
                node.kind = Kind::Null;
                pos += 4;
            } else {
                node.kind = Kind::Number;
                while (pos < size && (QByteArrayView("0123456789+-.eE").contains(text.at(pos))))
                    ++pos;
            }
            node.end = pos;
            node.subtreeEnd = index + 1;
            nodes.push_back(node);
            valueDone = true;
            continue;
        }

        if (open.empty())
            break;
        skipWhitespace();
        const char c = text.at(pos++);
        if (c == ',') {
            if (nodes[size_t(open.back())].kind == Kind::Object)
                readKey();
            valueDone = false;
        } else {
            close();
        }
    }
    return outcome;
}

QByteArrayView JsonTree::span(int index) const
{
    const Node &n = node(index);
    return m_text.sliced(n.begin, n.end - n.begin);
}

QByteArrayView JsonTree::keySpan(int index) const
{
    const Node &n = node(index);
    if (n.keyBegin < 0)
        return {};
    return m_text.sliced(n.keyBegin, n.keyEnd - n.keyBegin);
}

QByteArray JsonTree::key(int index) const
{
    const QByteArrayView quoted = keySpan(index);
    return quoted.isEmpty() ? QByteArray() : unescape(quoted);
}

std::vector<int> JsonTree::children(int index) const
{
    std::vector<int> result;
    result.reserve(size_t(node(index).childCount));
    for (int child = node(index).firstChild; child >= 0; child = node(child).nextSibling)
        result.push_back(child);
    return result;
}

QByteArray JsonTree::unescape(QByteArrayView quoted)
{
    const QByteArrayView inner = quoted.sliced(1, quoted.size() - 2);
    if (!inner.contains('\\'))
        return inner.toByteArray();

    QByteArray out;
    out.reserve(inner.size());
    for (qsizetype i = 0; i < inner.size(); ++i) {
        const char c = inner.at(i);
        if (c != '\\') {
            out += c;
            continue;
        }
        const char escape = inner.at(++i);
        switch (escape) {
        case 'b':
            out += '\b';
            break;
        case 'f':
            out += '\f';
            break;
        case 'n':
            out += '\n';
            break;
        case 'r':
            out += '\r';
            break;
        case 't':
            out += '\t';
            break;
        case 'u': {
            char32_t value = readHex4(inner, i + 1);
            i += 4;
            const bool high = value >= 0xD800 && value < 0xDC00;
            if (high && i + 6 < inner.size() && inner.at(i + 1) == '\\' && inner.at(i + 2) == 'u') {
                const char32_t low = readHex4(inner, i + 3);
                if (low >= 0xDC00 && low < 0xE000) {
                    value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00);
                    i += 6;
                }
            }
            appendUtf8(out, value);
            break;
        }
        default: // '"', '\\' and '/' stand for themselves
            out += escape;
            break;
        }
    }
    return out;
}

} // namespace ferry::json
