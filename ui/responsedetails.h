#pragma once

#include "core/response.h"

#include <QWidget>

class QGroupBox;
class QLabel;
class QProgressBar;
class QTableWidget;

namespace ferry {

// The details of one response beside its headers and body: General (status, HTTP version,
// remote address, final URL), Sizes, Timing (text and a bar per phase), TLS (protocol, cipher
// and the certificate chain), the redirects followed and the cookies set. Everything is
// read-only and selectable, so it can be copied. Cookie values are shown, as the user asked
// for this response, but never logged.
class ResponseDetails final : public QWidget {
    Q_OBJECT

public:
    explicit ResponseDetails(QWidget *parent = nullptr);

    void showResponse(const Response &response);
    void clear();

private:
    void showTimingBars(const Timings &timings);
    void showRedirects(const QList<RedirectHop> &redirects);
    void showCookies(const QList<ResponseCookie> &cookies);

    QLabel *m_general = nullptr;
    QLabel *m_sizes = nullptr;
    QLabel *m_timing = nullptr;
    QProgressBar *m_tlsBar = nullptr;
    QProgressBar *m_firstByteBar = nullptr;
    QProgressBar *m_lastByteBar = nullptr;
    QLabel *m_tls = nullptr;
    QGroupBox *m_redirectsBox = nullptr;
    QLabel *m_noRedirects = nullptr;
    QTableWidget *m_redirects = nullptr;
    QGroupBox *m_cookiesBox = nullptr;
    QLabel *m_noCookies = nullptr;
    QTableWidget *m_cookies = nullptr;
};

} // namespace ferry
