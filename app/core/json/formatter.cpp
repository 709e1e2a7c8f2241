#include "core/json/formatter.h"

#include <QString>

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <limits>
#include <string>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace ferry::json {

namespace {

constexpr qint64 kIntMax = std::numeric_limits<int>::max();

// How much output a formatter with a sink collects before handing it over mid-chunk.
constexpr qsizetype kSinkBufferLimit = 1 << 20;

// Where the formatter is in the text. The first group sits between tokens and says what may
// come next; the second is inside a token that a chunk boundary may have cut.
enum class State : quint8 {
    Value,        // a value: at the start, after ':' or after ',' in an array
    ValueOrClose, // after '['
    KeyOrClose,   // after '{'
    Key,          // after ',' in an object
    Colon,        // after an object key
    CommaOrClose, // after a value inside an object or array
    Done,         // after the top-level value: only whitespace may follow
    String,
    Number,
    Literal,
    Failed,
};

// The last part of a number read so far; the grammar of RFC 8259, section 6.
enum class NumberPart : quint8 {
    Minus,        // "-"
    Zero,         // "0" or "-0": no digit may follow
    Integer,      // "12"
    Point,        // "1."
    Fraction,     // "1.5"
    ExponentMark, // "1e"
    ExponentSign, // "1e-"
    Exponent,     // "1e5"
};

// What a chunk boundary may have cut inside a string.
enum class StringPart : quint8 {
    Plain,
    Escape,  // after '\'
    Unicode, // inside \uXXXX
    Utf8,    // inside a multi-byte UTF-8 sequence
};

constexpr std::array<uchar, 3> kByteOrderMark = {0xEF, 0xBB, 0xBF};

constexpr quint64 kOnes = 0x0101010101010101ULL;
constexpr quint64 kHighBits = 0x8080808080808080ULL;

// Bytes a string copies without a second look: printable ASCII except '"' and '\'.
constexpr std::array<bool, 256> kPlainStringByte = [] {
    std::array<bool, 256> table{};
    for (int c = 0x20; c < 0x80; ++c)
        table[c] = c != '"' && c != '\\';
    return table;
}();

inline quint64 load64(const uchar *p)
{
    quint64 word;
    std::memcpy(&word, p, sizeof word);
    return word;
}

#ifndef __SSE2__
// True when any of the eight bytes in word is not a plain string byte. Checking eight bytes
// at once is what makes long strings cheap.
inline bool hasSpecialStringByte(quint64 word)
{
    const auto hasZeroByte = [](quint64 v) {
        return (v - kOnes) & ~v & kHighBits;
    };
    const quint64 quote = hasZeroByte(word ^ (kOnes * '"'));
    const quint64 backslash = hasZeroByte(word ^ (kOnes * '\\'));
    const quint64 control = (word - kOnes * 0x20) & ~word & kHighBits; // a byte below 0x20
    return (quote | backslash | control | (word & kHighBits)) != 0;
}
#endif

// Skips plain string bytes and returns the first byte that needs a look (or end). Checking
// many bytes at once is what makes long strings cheap: sixteen at a time where SSE2 exists,
// which is every x86-64 processor, and eight at a time elsewhere.
inline const uchar *skipPlainStringBytes(const uchar *p, const uchar *end)
{
#ifdef __SSE2__
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i space = _mm_set1_epi8(0x20);
    while (end - p >= 16) {
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
        // The comparison is signed, so bytes from 0x80 up count as below ' ' too: one test
        // finds control characters and the start of every multi-byte sequence.
        const __m128i special = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(bytes, quote), _mm_cmpeq_epi8(bytes, backslash)),
            _mm_cmplt_epi8(bytes, space));
        const unsigned mask = unsigned(_mm_movemask_epi8(special));
        if (mask != 0)
            return p + std::countr_zero(mask);
        p += 16;
    }
#else
    while (end - p >= 8 && !hasSpecialStringByte(load64(p)))
        p += 8;
#endif
    while (p < end && kPlainStringByte[*p])
        ++p;
    return p;
}

// The number of UTF-8 characters in [begin, end): every byte that is not a continuation byte
// (10xxxxxx) starts one.
qint64 countCharacters(const uchar *begin, const uchar *end)
{
    constexpr quint64 kLowBytes = 0x00FF00FF00FF00FFULL;
    constexpr quint64 kLowHalves = 0x0001000100010001ULL;
    qint64 count = 0;
    const uchar *p = begin;
    while (end - p >= 8) {
        // Add each byte's 0/1 continuation flag into its own lane for up to 255 words, then
        // fold the lanes once: a few operations per eight bytes on long lines.
        const qint64 words = std::min<qint64>((end - p) / 8, 255);
        const uchar *stop = p + words * 8;
        quint64 lanes = 0;
        for (; p < stop; p += 8) {
            const quint64 word = load64(p);
            lanes += (word & ~(word << 1) & kHighBits) >> 7;
        }
        lanes = (lanes & kLowBytes) + ((lanes >> 8) & kLowBytes);
        count += words * 8 - qint64((lanes * kLowHalves) >> 48);
    }
    for (; p < end; ++p)
        count += (*p & 0xC0) != 0x80;
    return count;
}

inline bool isDigit(uchar c)
{
    return unsigned(c) - '0' < 10u;
}

inline bool isHexDigit(uchar c)
{
    return isDigit(c) || unsigned(c | 0x20) - 'a' < 6u;
}

inline bool isLetter(uchar c)
{
    return unsigned(c | 0x20) - 'a' < 26u;
}

inline bool canStartValue(uchar c)
{
    return c == '"' || c == '{' || c == '[' || c == '-' || isDigit(c) || c == 't' || c == 'f'
           || c == 'n';
}

QString hexByte(uchar c)
{
    return QStringLiteral("0x") + QString::number(c, 16).toUpper().rightJustified(2, u'0');
}

QString codePoint(char32_t c)
{
    return QStringLiteral("U+") + QString::number(uint(c), 16).toUpper().rightJustified(4, u'0');
}

// The code point of the complete, valid UTF-8 sequence at p, or nothing.
std::optional<char32_t> decodeUtf8(const uchar *p, const uchar *end)
{
    const uchar lead = *p;
    int length = 0;
    char32_t value = 0;
    if (lead >= 0xC2 && lead < 0xE0) {
        length = 2;
        value = lead & 0x1F;
    } else if (lead >= 0xE0 && lead < 0xF0) {
        length = 3;
        value = lead & 0x0F;
    } else if (lead >= 0xF0 && lead < 0xF5) {
        length = 4;
        value = lead & 0x07;
    } else {
        return std::nullopt;
    }
    if (end - p < length)
        return std::nullopt;
    for (int i = 1; i < length; ++i) {
        if ((p[i] & 0xC0) != 0x80)
            return std::nullopt;
        value = (value << 6) | (p[i] & 0x3F);
    }
    const char32_t minimum = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000;
    if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
        return std::nullopt;
    return value;
}

// How many bytes the UTF-8 sequence starting with lead has; 1 for ASCII and invalid leads.
qsizetype sequenceLength(uchar lead)
{
    if (lead >= 0xC2 && lead < 0xE0)
        return 2;
    if (lead >= 0xE0 && lead < 0xF0)
        return 3;
    if (lead >= 0xF0 && lead < 0xF5)
        return 4;
    return 1;
}

inline bool isContinuation(uchar c)
{
    return (c & 0xC0) == 0x80;
}

// The length of the complete, valid escape starting at the '\' at p, or 0 when it is cut by
// end or invalid.
inline qsizetype escapeLength(const uchar *p, const uchar *end)
{
    if (end - p < 2)
        return 0;
    switch (p[1]) {
    case '"':
    case '\\':
    case '/':
    case 'b':
    case 'f':
    case 'n':
    case 'r':
    case 't':
        return 2;
    case 'u':
        if (end - p >= 6 && isHexDigit(p[2]) && isHexDigit(p[3]) && isHexDigit(p[4])
            && isHexDigit(p[5]))
            return 6;
        return 0;
    default:
        return 0;
    }
}

// The length of the complete, valid UTF-8 sequence starting with the byte >= 0x80 at p, or 0
// when it is cut by end or invalid. The ranges are those of RFC 3629, as in startUtf8().
inline qsizetype validSequenceLength(const uchar *p, const uchar *end)
{
    const uchar lead = p[0];
    const qsizetype available = end - p;
    if (lead >= 0xC2 && lead < 0xE0)
        return available >= 2 && isContinuation(p[1]) ? 2 : 0;
    if (lead >= 0xE0 && lead < 0xF0) {
        if (available < 3)
            return 0;
        const uchar low = lead == 0xE0 ? 0xA0 : 0x80;
        const uchar high = lead == 0xED ? 0x9F : 0xBF;
        return p[1] >= low && p[1] <= high && isContinuation(p[2]) ? 3 : 0;
    }
    if (lead >= 0xF0 && lead < 0xF5) {
        if (available < 4)
            return 0;
        const uchar low = lead == 0xF0 ? 0x90 : 0x80;
        const uchar high = lead == 0xF4 ? 0x8F : 0xBF;
        return p[1] >= low && p[1] <= high && isContinuation(p[2]) && isContinuation(p[3]) ? 4 : 0;
    }
    return 0;
}

// True when the four or five bytes at p spell literal; compared as one word, not byte by byte.
inline bool isWholeLiteral(const uchar *p, const char *literal, int length)
{
    quint32 found;
    quint32 expected;
    std::memcpy(&found, p, sizeof found);
    std::memcpy(&expected, literal, sizeof expected);
    return found == expected && (length == 4 || p[4] == uchar(literal[4]));
}

bool isCurlyQuote(char32_t c)
{
    return c == 0x2018 || c == 0x2019 || c == 0x201C || c == 0x201D;
}

// How a message names the character at p: 'x', a control character, or a non-ASCII character.
QString describeCharacter(const uchar *p, const uchar *end)
{
    const uchar c = *p;
    if (c > 0x20 && c < 0x7F)
        return QStringLiteral("'%1'").arg(QLatin1Char(char(c)));
    if (c < 0x80)
        return QStringLiteral("control character %1").arg(codePoint(c));
    if (const auto decoded = decodeUtf8(p, end))
        return QStringLiteral("'%1' (%2)")
            .arg(QString::fromUcs4(&*decoded, 1), codePoint(*decoded));
    return QStringLiteral("byte %1, which is not valid UTF-8").arg(hexByte(c));
}

QString controlCharacterReason(uchar c)
{
    QString escape;
    switch (c) {
    case '\b':
        escape = QStringLiteral("\\b");
        break;
    case '\t':
        escape = QStringLiteral("\\t");
        break;
    case '\n':
        escape = QStringLiteral("\\n");
        break;
    case '\f':
        escape = QStringLiteral("\\f");
        break;
    case '\r':
        escape = QStringLiteral("\\r");
        break;
    default:
        escape = QStringLiteral("\\u") + QString::number(c, 16).toUpper().rightJustified(4, u'0');
        break;
    }
    return QStringLiteral("unescaped control character %1 in a string (write it as %2)")
        .arg(codePoint(c), escape);
}

} // namespace

class Formatter::Impl final {
public:
    Impl(const FormatOptions &options, Mode mode)
        : m_emit(mode == Mode::Format)
        , m_pretty(m_emit && !options.minify)
    {
        const int indent = std::clamp(options.indent, 0, kMaxIndent);
        // At least kBlock long, so putBlock() may always read a whole block from it.
        m_newline = std::string(
            std::max(1 + std::size_t(indent) * kMaxIndentedDepth, std::size_t(kBlock)), ' ');
        m_newline[0] = '\n';
        m_indent = indent;
    }

    bool feed(QByteArrayView chunk);
    bool finish();
    QByteArray takeOutput();
    void reserve(qsizetype bytes);

    Sink m_sink;
    std::optional<SyntaxError> m_error;
    qint64 m_consumed = 0;

private:
    // Scanning. Each returns where it stopped, or nullptr after recording an error.
    const uchar *betweenTokens(const uchar *p, const uchar *end);
    const uchar *skipWhitespace(const uchar *p, const uchar *end);
    const uchar *scanString(const uchar *run, const uchar *p, const uchar *end);
    const uchar *continueEscape(const uchar *p, const uchar *end);
    const uchar *startUtf8(const uchar *p);
    const uchar *continueUtf8(const uchar *p, const uchar *end);
    const uchar *scanNumber(const uchar *run, const uchar *p, const uchar *end);
    const uchar *scanLiteral(const uchar *p, const uchar *end);
    const uchar *skipByteOrderMark(const uchar *p, const uchar *end);
    void holdByteOrderMarkStart();
    // Why the byte at p cannot be there; each one looks at the current state.
    using Reason = QString (Impl::*)(const uchar *p, const uchar *end) const;
    const uchar *reject(const uchar *p, const uchar *end, Reason reason);
    const uchar *unexpected(const uchar *p, const uchar *end);
    QString escapeReason(const uchar *p, const uchar *end) const;
    QString numberReason(const uchar *p, const uchar *end) const;
    bool finishCutCharacter(const uchar *&p, const uchar *end);
    QString unexpectedReason(const uchar *p, const uchar *end) const;
    QString endOfInputReason() const;

    bool expectsValue() const { return m_state == State::Value || m_state == State::ValueOrClose; }
    bool expectsKey() const { return m_state == State::KeyOrClose || m_state == State::Key; }
    bool inObject() const { return !m_stack.empty() && m_stack.back() == '{'; }
    bool closes(uchar c) const;
    void afterValue() { m_state = m_stack.empty() ? State::Done : State::CommaOrClose; }

    // Errors and positions.
    std::nullptr_t fail(const uchar *at, const QString &reason, int backBytes = 0);
    SyntaxError positionOf(const uchar *at, int backBytes) const;
    qint64 offsetOf(const uchar *p) const { return m_chunkOffset + (p - m_chunkBegin); }
    qint64 columnOf(const uchar *p) const;
    bool followsCarriageReturn(const uchar *p) const;

    // Output.
    void grow(qsizetype bytes);
    qsizetype outputLength() const { return m_outCursor - m_outBegin; }

    void put(char c)
    {
        if (!m_emit)
            return;
        if (m_outCursor == m_outEnd)
            grow(1);
        *m_outCursor++ = c;
    }

    void put(const char *text, qsizetype length)
    {
        if (!m_emit)
            return;
        if (m_outEnd - m_outCursor < length)
            grow(length);
        std::memcpy(m_outCursor, text, std::size_t(length));
        m_outCursor += length;
    }

    // Most keys, values and line starts are short. When the buffer has room, such text is
    // copied as one fixed-size block (a couple of vector moves rather than a call to memcpy)
    // and the cursor moves by its real length; the bytes beyond are overwritten by what comes
    // next or cut off by takeOutput(). text must be readable for kBlock bytes. Without output
    // the buffer never has room, so nothing is written.
    static constexpr qsizetype kBlock = 32;
    bool putBlock(const char *text, qsizetype length)
    {
        if (length > kBlock || m_outEnd - m_outCursor < kBlock)
            return false;
        std::memcpy(m_outCursor, text, std::size_t(kBlock));
        m_outCursor += length;
        return true;
    }

    void copy(const uchar *begin, const uchar *end)
    {
        put(reinterpret_cast<const char *>(begin), end - begin);
    }
    void newline(std::size_t depth)
    {
        if (!m_pretty)
            return;
        const std::size_t levels = std::min(depth, std::size_t(kMaxIndentedDepth));
        const auto length = qsizetype(1 + levels * std::size_t(m_indent));
        if (!putBlock(m_newline.data(), length))
            put(m_newline.data(), length);
    }

    // Called before the first byte of a value or key: a container's first line break is only
    // written once it is known not to be empty.
    void beginToken()
    {
        if (m_pendingOpen) {
            m_pendingOpen = false;
            newline(m_stack.size());
        }
    }
    void flush();

    const bool m_emit;
    const bool m_pretty;
    int m_indent = 2;
    std::string m_newline; // "\n" and the deepest indentation; a prefix is written per line

    // The buffer's size is its capacity; [data, m_outCursor) holds the output so far.
    QByteArray m_out;
    char *m_outBegin = nullptr;
    char *m_outCursor = nullptr;
    char *m_outEnd = nullptr;

    State m_state = State::Value;
    std::string m_stack;        // '{' or '[' per open container
    bool m_pendingOpen = false; // a container opened; its first line break waits for content
    bool m_stringIsKey = false;
    StringPart m_stringPart = StringPart::Plain;
    int m_hexDigits = 0;
    uchar m_utf8Lead = 0;
    int m_utf8Seen = 0; // bytes of the sequence read so far, lead included
    int m_utf8Needed = 0;
    uchar m_utf8Low = 0x80;
    uchar m_utf8High = 0xBF;
    NumberPart m_numberPart = NumberPart::Integer;
    const char *m_literal = nullptr;
    int m_literalLength = 0;
    int m_literalMatched = 0;
    int m_bomMatched = 0;
    bool m_bomChecked = false;
    bool m_finished = false;
    std::array<uchar, 4> m_cutCharacter{}; // a bad character split by a chunk boundary
    qsizetype m_cutCharacterSize = 0;
    qsizetype m_cutCharacterLength = 0;
    SyntaxError m_cutCharacterError;
    Reason m_cutCharacterReason = nullptr;

    // Positions. Only the current line's start and its character count are kept, so an error
    // can be placed without keeping earlier chunks.
    const uchar *m_chunkBegin = nullptr;
    qint64 m_chunkOffset = 0;
    qint64 m_line = 1;
    qint64 m_lineStart = 0;
    qint64 m_lineCharacters = 0; // from m_lineStart to the start of the current chunk
    bool m_lastByteWasCarriageReturn = false;
};

// ---- Driving ---------------------------------------------------------------------------------

bool Formatter::Impl::feed(QByteArrayView chunk)
{
    if (m_state == State::Failed || m_finished)
        return false;
    m_consumed += chunk.size();

    const auto *begin = reinterpret_cast<const uchar *>(chunk.data());
    const uchar *end = begin + chunk.size();
    m_chunkBegin = begin;
    const uchar *p = begin;
    if (!m_bomChecked)
        p = skipByteOrderMark(p, end);
    if (m_cutCharacterSize > 0 && !finishCutCharacter(p, end))
        return false;

    while (p && p < end) {
        switch (m_state) {
        case State::String:
            p = scanString(p, p, end);
            break;
        case State::Number:
            p = scanNumber(p, p, end);
            break;
        case State::Literal:
            p = scanLiteral(p, end);
            break;
        case State::Failed:
            p = nullptr;
            break;
        default:
            p = betweenTokens(p, end);
            break;
        }
    }
    if (!p)
        return false;

    // Carry the current line's length over to the next chunk.
    if (m_lineStart >= m_chunkOffset)
        m_lineCharacters = countCharacters(begin + (m_lineStart - m_chunkOffset), end);
    else
        m_lineCharacters += countCharacters(begin, end);
    if (begin != end)
        m_lastByteWasCarriageReturn = end[-1] == '\r';
    m_chunkOffset += chunk.size();
    m_chunkBegin = nullptr;
    flush();
    return true;
}

bool Formatter::Impl::finish()
{
    if (m_state == State::Failed)
        return false;
    if (m_finished)
        return true;
    m_finished = true;

    if (!m_bomChecked && m_bomMatched > 0)
        holdByteOrderMarkStart();
    if (m_cutCharacterSize > 0) {
        const uchar *none = nullptr;
        return finishCutCharacter(none, none);
    }

    if (m_state == State::Number) {
        const NumberPart part = m_numberPart;
        if (part == NumberPart::Zero || part == NumberPart::Integer || part == NumberPart::Fraction
            || part == NumberPart::Exponent)
            afterValue();
    }
    if (m_state != State::Done) {
        const qint64 column = m_lineCharacters + 1;
        m_error = SyntaxError{m_chunkOffset, int(std::min<qint64>(m_line, kIntMax)),
                              int(std::min<qint64>(column, kIntMax)), endOfInputReason()};
        m_state = State::Failed;
        return false;
    }
    flush();
    return true;
}

// The text starts with EF but not with a whole byte order mark: some other character starts
// there, which is not a JSON value. It is reported like any other unexpected character.
void Formatter::Impl::holdByteOrderMarkStart()
{
    m_bomChecked = true;
    std::copy_n(kByteOrderMark.begin(), m_bomMatched, m_cutCharacter.begin());
    m_cutCharacterSize = m_bomMatched;
    m_cutCharacterLength = sequenceLength(kByteOrderMark[0]);
    m_cutCharacterError = SyntaxError{0, 1, 1, QString()};
    m_cutCharacterReason = &Impl::unexpectedReason;
}

const uchar *Formatter::Impl::skipByteOrderMark(const uchar *p, const uchar *end)
{
    while (p < end) {
        if (*p == kByteOrderMark[m_bomMatched]) {
            ++p;
            if (++m_bomMatched == 3) {
                // The mark is dropped and is not a character of the first line.
                m_bomChecked = true;
                m_lineStart = 3;
                return p;
            }
        } else if (m_bomMatched == 0) {
            m_bomChecked = true;
            return p;
        } else {
            holdByteOrderMarkStart();
            return p;
        }
    }
    return p;
}

// ---- Between tokens --------------------------------------------------------------------------

const uchar *Formatter::Impl::skipWhitespace(const uchar *p, const uchar *end)
{
    while (p < end) {
        const uchar c = *p;
        if (c == ' ' || c == '\t') {
            ++p;
        } else if (c == '\n') {
            // CR LF is one line break, as in every editor.
            if (!followsCarriageReturn(p))
                ++m_line;
            m_lineStart = offsetOf(++p);
        } else if (c == '\r') {
            ++m_line;
            m_lineStart = offsetOf(++p);
        } else {
            break;
        }
    }
    return p;
}

bool Formatter::Impl::followsCarriageReturn(const uchar *p) const
{
    return p > m_chunkBegin ? p[-1] == '\r' : m_lastByteWasCarriageReturn;
}

bool Formatter::Impl::closes(uchar c) const
{
    if (c == '}')
        return m_state == State::KeyOrClose || (m_state == State::CommaOrClose && inObject());
    return m_state == State::ValueOrClose || (m_state == State::CommaOrClose && !inObject());
}

// Reads tokens until the chunk ends or a chunk boundary cuts one; looping here rather than in
// feed() keeps the common path (one small token after another) free of extra dispatch.
const uchar *Formatter::Impl::betweenTokens(const uchar *p, const uchar *end)
{
    const auto cutOrFailed = [this](const uchar *at) {
        return !at || m_state == State::String || m_state == State::Number
               || m_state == State::Literal;
    };

    while (p < end) {
        if (*p <= ' ') {
            p = skipWhitespace(p, end);
            if (p == end)
                break;
        }

        const uchar c = *p;
        switch (c) {
        case '"':
            if (expectsValue())
                m_stringIsKey = false;
            else if (expectsKey())
                m_stringIsKey = true;
            else
                return unexpected(p, end);
            beginToken();
            m_state = State::String;
            m_stringPart = StringPart::Plain;
            p = scanString(p, p + 1, end);
            if (cutOrFailed(p))
                return p;
            continue;
        case '{':
        case '[':
            if (!expectsValue())
                return unexpected(p, end);
            beginToken();
            put(char(c));
            m_stack.push_back(char(c));
            m_pendingOpen = true;
            m_state = c == '{' ? State::KeyOrClose : State::ValueOrClose;
            ++p;
            continue;
        case '}':
        case ']':
            if (!closes(c))
                return unexpected(p, end);
            m_stack.pop_back();
            if (m_pendingOpen)
                m_pendingOpen = false; // empty: "{}" or "[]"
            else
                newline(m_stack.size());
            put(char(c));
            afterValue();
            ++p;
            continue;
        case ',':
            if (m_state != State::CommaOrClose)
                return unexpected(p, end);
            put(',');
            newline(m_stack.size());
            m_state = inObject() ? State::Key : State::Value;
            ++p;
            continue;
        case ':':
            if (m_state != State::Colon)
                return unexpected(p, end);
            if (m_pretty)
                put(": ", 2);
            else
                put(':');
            m_state = State::Value;
            ++p;
            continue;
        case 't':
        case 'f':
        case 'n':
            if (!expectsValue())
                return unexpected(p, end);
            beginToken();
            m_literal = c == 't' ? "true" : c == 'f' ? "false" : "null";
            m_literalLength = c == 'f' ? 5 : 4;
            if (end - p >= m_literalLength && isWholeLiteral(p, m_literal, m_literalLength)) {
                put(m_literal, m_literalLength); // whole in this chunk: no need to go byte by byte
                afterValue();
                p += m_literalLength;
                continue;
            }
            m_literalMatched = 1;
            m_state = State::Literal;
            p = scanLiteral(p + 1, end);
            if (cutOrFailed(p))
                return p;
            continue;
        default:
            if (c != '-' && !isDigit(c))
                return unexpected(p, end);
            if (!expectsValue())
                return unexpected(p, end);
            beginToken();
            m_numberPart = c == '-'   ? NumberPart::Minus
                           : c == '0' ? NumberPart::Zero
                                      : NumberPart::Integer;
            m_state = State::Number;
            p = scanNumber(p, p + 1, end);
            if (cutOrFailed(p))
                return p;
            continue;
        }
    }
    return p;
}

// ---- Strings ---------------------------------------------------------------------------------

// Copies the string's bytes exactly as written, in runs from `run`, while checking escapes,
// control characters and UTF-8.
const uchar *Formatter::Impl::scanString(const uchar *run, const uchar *p, const uchar *end)
{
    for (;;) {
        if (m_stringPart != StringPart::Plain) {
            p = m_stringPart == StringPart::Utf8 ? continueUtf8(p, end) : continueEscape(p, end);
            if (!p)
                return nullptr;
            if (m_stringPart != StringPart::Plain)
                break; // the chunk ended inside the escape or sequence
        }

        p = skipPlainStringBytes(p, end);
        if (p == end)
            break;

        const uchar c = *p;
        if (c == '"') {
            ++p;
            if (end - run < kBlock || !putBlock(reinterpret_cast<const char *>(run), p - run))
                copy(run, p);
            if (m_stringIsKey)
                m_state = State::Colon;
            else
                afterValue();
            return p;
        }
        if (c == '\\') {
            // A whole, valid escape is skipped here; the step-by-step path below handles one
            // that the chunk cuts, and reports a bad one.
            if (const qsizetype length = escapeLength(p, end)) {
                p += length;
                continue;
            }
            m_stringPart = StringPart::Escape;
            ++p;
            continue;
        }
        if (c < 0x20)
            return fail(p, controlCharacterReason(c));
        if (const qsizetype length = validSequenceLength(p, end)) {
            p += length;
            continue;
        }
        p = startUtf8(p);
        if (!p)
            return nullptr;
    }
    copy(run, end);
    return end;
}

const uchar *Formatter::Impl::continueEscape(const uchar *p, const uchar *end)
{
    if (m_stringPart == StringPart::Escape) {
        if (p == end)
            return p;
        switch (*p) {
        case '"':
        case '\\':
        case '/':
        case 'b':
        case 'f':
        case 'n':
        case 'r':
        case 't':
            m_stringPart = StringPart::Plain;
            return p + 1;
        case 'u':
            m_stringPart = StringPart::Unicode;
            m_hexDigits = 0;
            ++p;
            break;
        default:
            return reject(p, end, &Impl::escapeReason);
        }
    }
    for (; p < end && m_hexDigits < 4; ++p, ++m_hexDigits) {
        if (!isHexDigit(*p))
            return reject(p, end, &Impl::escapeReason);
    }
    if (m_hexDigits == 4)
        m_stringPart = StringPart::Plain;
    return p;
}

// Starts a multi-byte sequence at p (a byte >= 0x80); the ranges follow RFC 3629, so overlong
// forms, surrogates and code points above U+10FFFF are refused.
const uchar *Formatter::Impl::startUtf8(const uchar *p)
{
    const uchar c = *p;
    if (c < 0xC0)
        return fail(p, QStringLiteral("invalid UTF-8 in a string: unexpected continuation "
                                      "byte %1")
                           .arg(hexByte(c)));
    if (c < 0xC2)
        return fail(p, QStringLiteral("invalid UTF-8 in a string: overlong encoding (byte %1)")
                           .arg(hexByte(c)));
    if (c >= 0xF5)
        return fail(p, QStringLiteral("invalid UTF-8 in a string: byte %1 never appears in "
                                      "UTF-8")
                           .arg(hexByte(c)));

    m_utf8Lead = c;
    m_utf8Seen = 1;
    m_utf8Low = 0x80;
    m_utf8High = 0xBF;
    if (c < 0xE0) {
        m_utf8Needed = 1;
    } else if (c < 0xF0) {
        m_utf8Needed = 2;
        if (c == 0xE0)
            m_utf8Low = 0xA0;
        else if (c == 0xED)
            m_utf8High = 0x9F;
    } else {
        m_utf8Needed = 3;
        if (c == 0xF0)
            m_utf8Low = 0x90;
        else if (c == 0xF4)
            m_utf8High = 0x8F;
    }
    m_stringPart = StringPart::Utf8;
    return p + 1;
}

const uchar *Formatter::Impl::continueUtf8(const uchar *p, const uchar *end)
{
    for (; p < end; ++p) {
        const uchar c = *p;
        if (c < m_utf8Low || c > m_utf8High) {
            // The position is the sequence's first byte: that is the character that is broken.
            QString reason;
            if ((c & 0xC0) != 0x80)
                reason = QStringLiteral("incomplete multi-byte sequence");
            else if (m_utf8Lead == 0xED)
                reason = QStringLiteral("encoded UTF-16 surrogate");
            else if (m_utf8Lead == 0xF4)
                reason = QStringLiteral("code point above U+10FFFF");
            else
                reason = QStringLiteral("overlong encoding");
            return fail(p, QStringLiteral("invalid UTF-8 in a string: %1").arg(reason), m_utf8Seen);
        }
        ++m_utf8Seen;
        m_utf8Low = 0x80;
        m_utf8High = 0xBF;
        if (--m_utf8Needed == 0) {
            m_stringPart = StringPart::Plain;
            return p + 1;
        }
    }
    return p;
}

// ---- Numbers and literals --------------------------------------------------------------------

// Copies the number's text exactly as written: no conversion, so 1e400, -0.0 and
// 12345678901234567890123 come out unchanged.
const uchar *Formatter::Impl::scanNumber(const uchar *run, const uchar *p, const uchar *end)
{
    while (p < end) {
        const uchar c = *p;
        switch (m_numberPart) {
        case NumberPart::Minus:
            if (!isDigit(c)) {
                if (c == 'I')
                    return fail(p, QStringLiteral("-Infinity is not valid JSON (use null or a "
                                                  "string)"));
                return reject(p, end, &Impl::numberReason);
            }
            m_numberPart = c == '0' ? NumberPart::Zero : NumberPart::Integer;
            ++p;
            continue;
        case NumberPart::Zero:
            if (isDigit(c))
                return fail(p, QStringLiteral("leading zeros are not allowed in numbers"));
            break;
        case NumberPart::Integer:
            while (p < end && isDigit(*p))
                ++p;
            if (p == end)
                continue;
            break;
        case NumberPart::Point:
            if (!isDigit(c))
                return reject(p, end, &Impl::numberReason);
            m_numberPart = NumberPart::Fraction;
            ++p;
            continue;
        case NumberPart::Fraction:
            while (p < end && isDigit(*p))
                ++p;
            if (p == end)
                continue;
            if (*p == 'e' || *p == 'E') {
                m_numberPart = NumberPart::ExponentMark;
                ++p;
                continue;
            }
            copy(run, p);
            afterValue();
            return p;
        case NumberPart::ExponentMark:
            if (c == '+' || c == '-') {
                m_numberPart = NumberPart::ExponentSign;
                ++p;
                continue;
            }
            [[fallthrough]];
        case NumberPart::ExponentSign:
            if (!isDigit(c))
                return reject(p, end, &Impl::numberReason);
            m_numberPart = NumberPart::Exponent;
            ++p;
            continue;
        case NumberPart::Exponent:
            while (p < end && isDigit(*p))
                ++p;
            if (p == end)
                continue;
            copy(run, p);
            afterValue();
            return p;
        }

        // After the integer part: a fraction, an exponent or the end of the number.
        if (*p == '.') {
            m_numberPart = NumberPart::Point;
            ++p;
        } else if (*p == 'e' || *p == 'E') {
            m_numberPart = NumberPart::ExponentMark;
            ++p;
        } else {
            copy(run, p);
            afterValue();
            return p;
        }
    }
    copy(run, end);
    return end;
}

const uchar *Formatter::Impl::scanLiteral(const uchar *p, const uchar *end)
{
    for (; p < end && m_literalMatched < m_literalLength; ++p, ++m_literalMatched) {
        if (*p != uchar(m_literal[m_literalMatched]))
            return fail(
                p, QStringLiteral("invalid literal: expected '%1'").arg(QLatin1String(m_literal)));
    }
    if (m_literalMatched == m_literalLength) {
        put(m_literal, m_literalLength);
        afterValue();
    }
    return p;
}

// ---- Errors ----------------------------------------------------------------------------------

std::nullptr_t Formatter::Impl::fail(const uchar *at, const QString &reason, int backBytes)
{
    m_error = positionOf(at, backBytes);
    m_error->reason = reason;
    m_state = State::Failed;
    return nullptr;
}

SyntaxError Formatter::Impl::positionOf(const uchar *at, int backBytes) const
{
    // backBytes points back to the start of a UTF-8 sequence: one character, same line.
    const qint64 column = columnOf(at) - (backBytes > 0 ? 1 : 0);
    return SyntaxError{offsetOf(at) - backBytes, int(std::min<qint64>(m_line, kIntMax)),
                       int(std::min<qint64>(column, kIntMax)), QString()};
}

qint64 Formatter::Impl::columnOf(const uchar *p) const
{
    if (m_lineStart >= m_chunkOffset)
        return 1 + countCharacters(m_chunkBegin + (m_lineStart - m_chunkOffset), p);
    return 1 + m_lineCharacters + countCharacters(m_chunkBegin, p);
}

const uchar *Formatter::Impl::reject(const uchar *p, const uchar *end, Reason reason)
{
    // A non-ASCII character cut by the end of the chunk is named once it is complete, so the
    // message does not depend on where the chunks happen to end. The state stays as it is
    // until then, so the reason is worked out the same way.
    const qsizetype length = sequenceLength(*p);
    if (length > end - p && std::all_of(p + 1, end, [](uchar c) { return (c & 0xC0) == 0x80; })) {
        m_cutCharacterSize = std::copy(p, end, m_cutCharacter.begin()) - m_cutCharacter.begin();
        m_cutCharacterLength = length;
        m_cutCharacterError = positionOf(p, 0);
        m_cutCharacterReason = reason;
        return end;
    }
    return fail(p, (this->*reason)(p, end));
}

const uchar *Formatter::Impl::unexpected(const uchar *p, const uchar *end)
{
    return reject(p, end, &Impl::unexpectedReason);
}

QString Formatter::Impl::escapeReason(const uchar *p, const uchar *end) const
{
    if (m_stringPart == StringPart::Unicode)
        return QStringLiteral("invalid \\u escape: expected 4 hexadecimal digits, found %1")
            .arg(describeCharacter(p, end));
    const QString escape = *p > 0x20 && *p < 0x7F
                               ? QStringLiteral("'\\%1'").arg(QLatin1Char(char(*p)))
                               : describeCharacter(p, end);
    return QStringLiteral("invalid escape %1 in a string (valid escapes are \\\" \\\\ \\/ \\b "
                          "\\f \\n \\r \\t and \\uXXXX)")
        .arg(escape);
}

QString Formatter::Impl::numberReason(const uchar *p, const uchar *end) const
{
    const QString found = describeCharacter(p, end);
    switch (m_numberPart) {
    case NumberPart::Minus:
        return QStringLiteral("expected a digit after '-', found %1").arg(found);
    case NumberPart::Point:
        return QStringLiteral("expected a digit after the decimal point, found %1").arg(found);
    default:
        return QStringLiteral("expected a digit in the exponent, found %1").arg(found);
    }
}

// Completes a character that reject() held back at a chunk boundary; reports it when it is
// complete, invalid, or the input ends.
bool Formatter::Impl::finishCutCharacter(const uchar *&p, const uchar *end)
{
    while (m_cutCharacterSize < m_cutCharacterLength && p < end && (*p & 0xC0) == 0x80)
        m_cutCharacter[m_cutCharacterSize++] = *p++;
    const bool complete = m_cutCharacterSize == m_cutCharacterLength;
    if (!complete && p == end && !m_finished)
        return true; // still incomplete: wait for the next chunk

    m_error = m_cutCharacterError;
    m_error->reason = (this->*m_cutCharacterReason)(m_cutCharacter.data(),
                                                    m_cutCharacter.data() + m_cutCharacterSize);
    m_state = State::Failed;
    return false;
}

QString Formatter::Impl::unexpectedReason(const uchar *p, const uchar *end) const
{
    const uchar c = *p;
    const QString found = describeCharacter(p, end);
    if (c == '/')
        return QStringLiteral("comments are not allowed in JSON");
    if (c >= 0x80) {
        const auto decoded = decodeUtf8(p, end);
        if (decoded && isCurlyQuote(*decoded))
            return QStringLiteral("curly quote %1 is not valid JSON; use straight double "
                                  "quotes (\")")
                .arg(found);
    }

    if (expectsValue() || expectsKey()) {
        if (c == '\'')
            return QStringLiteral("strings must be in double quotes, not single quotes");
    }
    if (expectsValue()) {
        if (c == 'N')
            return QStringLiteral("NaN is not valid JSON (use null or a string)");
        if (c == 'I')
            return QStringLiteral("Infinity is not valid JSON (use null or a string)");
        if (c == '+')
            return QStringLiteral("numbers cannot start with '+'");
        if (c == '.')
            return QStringLiteral("numbers must start with a digit (write 0.5, not .5)");
        if (c == ']' && m_state == State::Value && !m_stack.empty() && !inObject())
            return QStringLiteral("trailing comma before ']': a ',' must be followed by another "
                                  "element");
        if (isLetter(c))
            return QStringLiteral("unexpected %1: expected a value (text needs double quotes; "
                                  "the literals are true, false and null)")
                .arg(found);
    }
    if (m_state == State::Key && c == '}')
        return QStringLiteral("trailing comma before '}': a ',' must be followed by another "
                              "member");
    if (expectsKey() && (isLetter(c) || isDigit(c) || c == '_' || c == '$'))
        return QStringLiteral("object keys must be strings in double quotes");

    switch (m_state) {
    case State::Value:
        if (m_stack.empty())
            return QStringLiteral("expected a JSON value, found %1").arg(found);
        if (inObject())
            return QStringLiteral("expected a value after ':', found %1").arg(found);
        return QStringLiteral("expected a value after ',', found %1").arg(found);
    case State::ValueOrClose:
        return QStringLiteral("expected a value or ']', found %1").arg(found);
    case State::KeyOrClose:
        return QStringLiteral("expected a string key or '}', found %1").arg(found);
    case State::Key:
        return QStringLiteral("expected a string key after ',', found %1").arg(found);
    case State::Colon:
        return QStringLiteral("expected ':' after the object key, found %1").arg(found);
    case State::CommaOrClose:
        if (inObject()) {
            if (c == '"')
                return QStringLiteral("missing ',' between object members");
            return QStringLiteral("expected ',' or '}' after an object member, found %1")
                .arg(found);
        }
        if (canStartValue(c))
            return QStringLiteral("missing ',' between array elements");
        return QStringLiteral("expected ',' or ']' after an array element, found %1").arg(found);
    case State::Done:
        return QStringLiteral("unexpected %1 after the JSON value (only whitespace may follow "
                              "it)")
            .arg(found);
    default:
        return QStringLiteral("unexpected %1").arg(found);
    }
}

QString Formatter::Impl::endOfInputReason() const
{
    switch (m_state) {
    case State::Value:
        if (m_stack.empty())
            return QStringLiteral("empty input: expected a JSON value");
        if (inObject())
            return QStringLiteral("unexpected end of input: expected a value after ':'");
        return QStringLiteral("unexpected end of input: expected a value after ','");
    case State::ValueOrClose:
        return QStringLiteral("unexpected end of input: expected a value or ']'");
    case State::KeyOrClose:
        return QStringLiteral("unexpected end of input: expected a string key or '}'");
    case State::Key:
        return QStringLiteral("unexpected end of input: expected a string key after ','");
    case State::Colon:
        return QStringLiteral("unexpected end of input: expected ':' after the object key");
    case State::CommaOrClose:
        return inObject() ? QStringLiteral("unexpected end of input: expected ',' or '}'")
                          : QStringLiteral("unexpected end of input: expected ',' or ']'");
    case State::String:
        return QStringLiteral("unexpected end of input inside a string (no closing '\"')");
    case State::Number:
        return QStringLiteral("unexpected end of input inside a number");
    case State::Literal:
        return QStringLiteral("unexpected end of input inside '%1'").arg(QLatin1String(m_literal));
    default:
        return QStringLiteral("unexpected end of input");
    }
}

// ---- Output ----------------------------------------------------------------------------------

void Formatter::Impl::grow(qsizetype bytes)
{
    // With a sink the buffer is handed over instead of growing past a limit, so memory stays
    // bounded even when one chunk expands into a lot of indentation.
    if (m_sink && outputLength() >= kSinkBufferLimit) {
        flush();
        if (m_outEnd - m_outCursor >= bytes)
            return;
    }

    const qsizetype used = outputLength();
    m_out.resize(std::max({used + bytes, m_out.size() * 2, qsizetype(4096)}));
    m_outBegin = m_out.data();
    m_outCursor = m_outBegin + used;
    m_outEnd = m_outBegin + m_out.size();
}

void Formatter::Impl::flush()
{
    if (m_sink && outputLength() > 0) {
        m_sink(QByteArrayView(m_outBegin, outputLength()));
        m_outCursor = m_outBegin;
    }
}

QByteArray Formatter::Impl::takeOutput()
{
    m_out.truncate(outputLength());
    m_outBegin = m_outCursor = m_outEnd = nullptr;
    return std::exchange(m_out, QByteArray());
}

void Formatter::Impl::reserve(qsizetype bytes)
{
    if (m_emit && m_outEnd - m_outCursor < bytes)
        grow(bytes);
}

// ---- Formatter -------------------------------------------------------------------------------

Formatter::Formatter(const FormatOptions &options, Mode mode)
    : d(std::make_unique<Impl>(options, mode))
{}

Formatter::~Formatter() = default;

void Formatter::setSink(Sink sink)
{
    d->m_sink = std::move(sink);
}

void Formatter::reserveOutput(qsizetype bytes)
{
    d->reserve(bytes);
}

bool Formatter::feed(QByteArrayView chunk)
{
    return d->feed(chunk);
}

bool Formatter::finish()
{
    return d->finish();
}

bool Formatter::hasError() const
{
    return d->m_error.has_value();
}

const std::optional<SyntaxError> &Formatter::error() const
{
    return d->m_error;
}

qint64 Formatter::bytesConsumed() const
{
    return d->m_consumed;
}

QByteArray Formatter::takeOutput()
{
    return d->takeOutput();
}

} // namespace ferry::json
