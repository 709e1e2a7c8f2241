#pragma once

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QString>

namespace ferry {

// One row of the headers table. Disabled rows are kept so the user can toggle them back on,
// but they are never sent.
struct HeaderRow {
    QString name;
    QString value;
    bool enabled = true;

    bool operator==(const HeaderRow &) const = default;
};

enum class AuthKind { None, Bearer };

struct Auth {
    AuthKind kind = AuthKind::None;
    QString token;

    bool operator==(const Auth &) const = default;
};

// A header as it goes on the wire: name and value, in order, duplicates kept.
struct WireHeader {
    QByteArray name;
    QByteArray value;

    bool operator==(const WireHeader &) const = default;
};

// The request as the user built it. It is a plain value: the UI edits one, the core resolves
// its variables, the network layer sends it and the code generators turn it into code.
struct Request {
    QString method = QStringLiteral("GET");
    QString url;
    QList<HeaderRow> headers;
    Auth auth;
    QByteArray body;
    // The type of the body, sent as Content-Type unless a header row sets one explicitly.
    QString contentType;

    bool operator==(const Request &) const = default;

    // The method as sent: trimmed, and upper-cased when it is one of the standard methods
    // (custom tokens such as PROPFIND or MyMethod keep the user's spelling).
    QByteArray wireMethod() const;

    // The headers exactly as they go on the wire, in order: the enabled rows, then the
    // Authorization header from the auth settings (unless a row already sets Authorization),
    // then Content-Type for a body (unless a row already sets it).
    QList<WireHeader> wireHeaders() const;

    // True when the method conventionally carries no body (GET, HEAD) and none is set.
    bool hasBody() const { return !body.isEmpty(); }
};

// The methods offered in the method picker; any other token may be typed.
QStringList standardMethods();

} // namespace ferry

Q_DECLARE_METATYPE(ferry::Request)
