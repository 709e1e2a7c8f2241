#include "ui/responsedetails.h"

#include "net/responsesummary.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QScrollArea>
#include <QTableWidget>
#include <QVBoxLayout>

#include <limits>
#include <tuple>
#include <utility>

namespace ferry {

namespace {

// "Label: value" lines; a value of several lines continues indented under its label.
QString linesText(const QList<DetailLine> &lines)
{
    QStringList out;
    for (const DetailLine &line : lines) {
        QStringList valueLines = line.value.split(u'\n');
        out << QStringLiteral("%1: %2").arg(line.label, valueLines.takeFirst());
        for (const QString &more : std::as_const(valueLines))
            out << QStringLiteral("    ") + more;
    }
    return out.join(u'\n');
}

QLabel *selectableLabel(const QString &objectName)
{
    auto *label = new QLabel;
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setWordWrap(true);
    label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    return label;
}

QTableWidgetItem *readOnlyItem(const QString &text)
{
    auto *item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    return item;
}

} // namespace

ResponseDetails::ResponseDetails(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("responseDetails"));

    auto *content = new QWidget;
    auto *sections = new QVBoxLayout(content);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto *scroll = new QScrollArea;
    scroll->setObjectName(QStringLiteral("responseDetailsScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    outer->addWidget(scroll);

    const auto addGroup = [sections](const QString &title, const QString &objectName) {
        auto *box = new QGroupBox(title);
        box->setObjectName(objectName);
        sections->addWidget(box);
        return box;
    };

    const auto textGroup = [&addGroup](const QString &title, const QString &boxName,
                                       const QString &labelName) {
        QGroupBox *box = addGroup(title, boxName);
        auto *layout = new QVBoxLayout(box);
        QLabel *label = selectableLabel(labelName);
        layout->addWidget(label);
        return std::pair{box, label};
    };

    m_general = textGroup(tr("General"), QStringLiteral("detailsGeneral"),
                          QStringLiteral("detailsGeneralText"))
                    .second;
    m_sizes =
        textGroup(tr("Sizes"), QStringLiteral("detailsSizes"), QStringLiteral("detailsSizesText"))
            .second;

    auto [timingBox, timingText] = textGroup(tr("Timing"), QStringLiteral("detailsTiming"),
                                             QStringLiteral("detailsTimingText"));
    m_timing = timingText;
    // One bar per phase on a common scale: how far into the total each point was reached.
    auto *bars = new QFormLayout;
    const auto addBar = [bars](const QString &label, const QString &objectName) {
        auto *bar = new QProgressBar;
        bar->setObjectName(objectName);
        bar->setTextVisible(true);
        bars->addRow(label, bar);
        return bar;
    };
    m_tlsBar = addBar(tr("TLS handshake"), QStringLiteral("detailsTlsBar"));
    m_firstByteBar = addBar(tr("First byte"), QStringLiteral("detailsFirstByteBar"));
    m_lastByteBar = addBar(tr("Last byte"), QStringLiteral("detailsLastByteBar"));
    static_cast<QVBoxLayout *>(timingBox->layout())->addLayout(bars);

    m_tls =
        textGroup(tr("TLS"), QStringLiteral("detailsTls"), QStringLiteral("detailsTlsText")).second;

    const auto tableGroup = [&addGroup](const QString &title, const QString &boxName,
                                        const QString &tableName, const QStringList &columns,
                                        QLabel **empty) {
        QGroupBox *box = addGroup(title, boxName);
        auto *layout = new QVBoxLayout(box);
        *empty = selectableLabel(tableName + QStringLiteral("Empty"));
        layout->addWidget(*empty);
        auto *table = new QTableWidget(0, int(columns.size()));
        table->setObjectName(tableName);
        table->setHorizontalHeaderLabels(columns);
        table->setEditTriggers(QAbstractItemView::NoEditTriggers);
        table->setSelectionMode(QAbstractItemView::ExtendedSelection);
        table->verticalHeader()->setVisible(false);
        table->horizontalHeader()->setStretchLastSection(true);
        layout->addWidget(table);
        return std::pair{box, table};
    };

    std::tie(m_redirectsBox, m_redirects) = tableGroup(
        tr("Redirects"), QStringLiteral("detailsRedirects"), QStringLiteral("redirectsTable"),
        {tr("#"), tr("Status"), tr("Location")}, &m_noRedirects);
    std::tie(m_cookiesBox, m_cookies) =
        tableGroup(tr("Cookies"), QStringLiteral("detailsCookies"), QStringLiteral("cookiesTable"),
                   {tr("Name"), tr("Value"), tr("Domain"), tr("Path"), tr("Expires"), tr("Flags")},
                   &m_noCookies);

    sections->addStretch(1);
    scroll->setWidget(content);
    clear();
}

void ResponseDetails::showResponse(const Response &response)
{
    m_general->setText(linesText(generalDetails(response)));
    m_sizes->setText(linesText(sizeDetails(response)));
    m_timing->setText(linesText(timingDetails(response)));
    showTimingBars(response.timings);
    m_tls->setText(linesText(tlsDetails(response)));
    showRedirects(response.redirects);
    showCookies(response.cookies);
}

void ResponseDetails::clear()
{
    showResponse(Response{});
    const QString none = tr("No response yet.");
    m_general->setText(none);
    m_sizes->setText(none);
    m_timing->setText(none);
    m_tls->setText(none);
}

void ResponseDetails::showTimingBars(const Timings &timings)
{
    // The scale is the total; a phase Qt did not report shows an empty bar that says so.
    const qint64 total = qMax<qint64>(1, timings.totalMs);
    const auto show = [total](QProgressBar *bar, qint64 ms) {
        bar->setRange(0, int(qMin<qint64>(total, std::numeric_limits<int>::max())));
        bar->setValue(ms < 0 ? 0 : int(qMin(ms, total)));
        bar->setFormat(millisecondsText(ms));
    };
    show(m_tlsBar, timings.tlsHandshakeMs);
    show(m_firstByteBar, timings.firstByteMs);
    show(m_lastByteBar, timings.lastByteMs);
}

void ResponseDetails::showRedirects(const QList<RedirectHop> &redirects)
{
    m_redirectsBox->setTitle(tr("Redirects (%1)").arg(redirects.size()));
    m_noRedirects->setText(tr("No redirects were followed."));
    m_noRedirects->setVisible(redirects.isEmpty());
    m_redirects->setVisible(!redirects.isEmpty());
    m_redirects->setRowCount(int(redirects.size()));
    for (int row = 0; row < redirects.size(); ++row) {
        const RedirectHop &hop = redirects.at(row);
        m_redirects->setItem(row, 0, readOnlyItem(QString::number(row + 1)));
        m_redirects->setItem(row, 1, readOnlyItem(QString::number(hop.statusCode)));
        m_redirects->setItem(row, 2, readOnlyItem(hop.location));
    }
}

void ResponseDetails::showCookies(const QList<ResponseCookie> &cookies)
{
    m_cookiesBox->setTitle(tr("Cookies (%1)").arg(cookies.size()));
    m_noCookies->setText(tr("The response set no cookies."));
    m_noCookies->setVisible(cookies.isEmpty());
    m_cookies->setVisible(!cookies.isEmpty());
    m_cookies->setRowCount(int(cookies.size()));
    for (int row = 0; row < cookies.size(); ++row) {
        const ResponseCookie &cookie = cookies.at(row);
        m_cookies->setItem(row, 0, readOnlyItem(cookie.name));
        m_cookies->setItem(row, 1, readOnlyItem(cookie.value));
        m_cookies->setItem(row, 2, readOnlyItem(cookie.domain));
        m_cookies->setItem(row, 3, readOnlyItem(cookie.path));
        m_cookies->setItem(row, 4, readOnlyItem(cookieExpiryText(cookie)));
        m_cookies->setItem(row, 5, readOnlyItem(cookieFlagsText(cookie)));
    }
}

} // namespace ferry
