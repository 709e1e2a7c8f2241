#pragma once

#include "core/json/jsonformatter.h"

#include <QByteArray>
#include <QByteArrayView>

#include <functional>
#include <memory>
#include <optional>

namespace ferry::json {

// Formats JSON text that arrives in pieces. Feed each chunk as it comes (a chunk may end
// anywhere, even inside a token or a UTF-8 sequence), then call finish(). Only the nesting
// stack and the token in progress are kept, never the whole text, so a large body can be
// formatted chunk by chunk on a worker thread: report bytesConsumed() as progress between
// chunks, and to cancel simply stop feeding and drop the formatter.
//
// The text is checked strictly against RFC 8259 on the way; the first problem stops the
// formatter and is available from error(). Output written before the problem stays in the
// buffer, so it is complete only when finish() returns true.
class Formatter final {
public:
    enum class Mode {
        Format,       // check and produce formatted text
        ValidateOnly, // check only; no output at all
    };

    // Receives formatted text at the end of every feed() and finish() call, and in between
    // whenever about a megabyte has accumulated.
    using Sink = std::function<void(QByteArrayView)>;

    explicit Formatter(const FormatOptions &options = {}, Mode mode = Mode::Format);
    ~Formatter();

    Formatter(const Formatter &) = delete;
    Formatter &operator=(const Formatter &) = delete;

    // Without a sink, output accumulates until takeOutput().
    void setSink(Sink sink);

    // Makes room for that many bytes of output up front, to avoid growing the buffer.
    void reserveOutput(qsizetype bytes);

    // Consumes the next chunk. Returns false once the text is known to be invalid (or after
    // finish()); later calls do nothing.
    bool feed(QByteArrayView chunk);

    // Declares the end of the text. Returns true when everything fed was exactly one valid
    // JSON value, optionally surrounded by whitespace.
    bool finish();

    bool hasError() const;
    const std::optional<SyntaxError> &error() const;

    // Bytes fed so far, for progress reporting.
    qint64 bytesConsumed() const;

    // The output produced since the last call (when no sink is set).
    QByteArray takeOutput();

private:
    class Impl;
    std::unique_ptr<Impl> d;
};

} // namespace ferry::json
