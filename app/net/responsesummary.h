#pragma once

#include "core/response.h"

#include <QList>
#include <QString>

namespace ferry {

// One labelled value of a response's details: "Status" and "200 OK".
struct DetailLine {
    QString label;
    QString value; // may span several lines (a certificate)
};

// The details of a response in words, section by section, so that the window and ferry-cli
// say the same things. Redirects and cookies are lists that each caller lays out itself.
QList<DetailLine> generalDetails(const Response &response);
QList<DetailLine> sizeDetails(const Response &response);
QList<DetailLine> timingDetails(const Response &response);
QList<DetailLine> tlsDetails(const Response &response);

// "512 bytes", "2048 bytes (2.0 KB)"; "unknown" for -1.
QString byteCountText(qint64 bytes);
// "85 ms"; "unknown" for -1.
QString millisecondsText(qint64 milliseconds);
// "2030-01-01 00:00 UTC", or "end of session" for a cookie without an expiry.
QString cookieExpiryText(const ResponseCookie &cookie);
// "HttpOnly, Secure, SameSite=Lax"; empty when the cookie has none of them.
QString cookieFlagsText(const ResponseCookie &cookie);

} // namespace ferry
