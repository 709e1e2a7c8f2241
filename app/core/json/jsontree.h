#pragma once

#include "core/json/jsonformatter.h"

#include <QByteArray>
#include <QByteArrayView>

#include <optional>
#include <vector>

namespace ferry::json {

// A JSON text held as a tree of byte spans into the text itself: nothing is converted, so every
// number, string and key keeps its exact text. Used where the whole document is needed at once
// (sorting keys, JSONPath queries); plain formatting streams instead.
//
// Nodes are stored in document order, so the descendants of a node are exactly the nodes that
// follow it up to subtreeEnd. Building and walking the tree never recurse, so nesting depth is
// limited only by memory.
class JsonTree final {
public:
    enum class Kind : quint8 { Object, Array, String, Number, True, False, Null };

    struct Node {
        qsizetype begin = 0;     // first byte of the value in the text
        qsizetype end = 0;       // one past its last byte
        qsizetype keyBegin = -1; // for a member of an object: its key, quotes included
        qsizetype keyEnd = -1;
        int parent = -1;
        int firstChild = -1;
        int nextSibling = -1;
        int childCount = 0;
        int subtreeEnd = 0; // one past the index of the last descendant
        Kind kind = Kind::Null;
    };

    struct Outcome;

    // Checks the text strictly (the same rules and messages as format()) and builds the tree.
    // The text must outlive the tree. A UTF-8 byte order mark at the start is skipped.
    static Outcome parse(QByteArrayView text);

    QByteArrayView text() const { return m_text; }
    const std::vector<Node> &nodes() const { return m_nodes; }
    const Node &node(int index) const { return m_nodes[size_t(index)]; }

    // The value's exact text.
    QByteArrayView span(int index) const;
    // The member's key with its quotes, exactly as written; empty outside objects.
    QByteArrayView keySpan(int index) const;
    // The member's key with escapes resolved, as UTF-8.
    QByteArray key(int index) const;
    // The children of an array or object, in document order.
    std::vector<int> children(int index) const;

    // The content of a quoted JSON string with its escapes resolved, as UTF-8. A lone
    // surrogate escape becomes its three-byte form so that distinct keys stay distinct.
    static QByteArray unescape(QByteArrayView quoted);

private:
    QByteArrayView m_text;
    std::vector<Node> m_nodes;
};

struct JsonTree::Outcome {
    JsonTree tree;                    // empty when error is set
    std::optional<SyntaxError> error; // the first syntax error, as format() reports it
};

} // namespace ferry::json
