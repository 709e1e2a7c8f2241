#include "ui/responseview.h"

#include "core/json/formatter.h"
#include "core/json/jsonencoding.h"
#include "core/json/jsonformatter.h"
#include "core/json/jsonpath.h"
#include "ui/codeview.h"
#include "ui/findbar.h"
#include "ui/responsedetails.h"
#include "ui/toolbutton.h"

#include <QAction>
#include <QBuffer>
#include <QClipboard>
#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QFuture>
#include <QFutureWatcher>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QImageReader>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QMimeDatabase>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPromise>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QStringDecoder>
#include <QTabWidget>
#include <QTableWidget>
#include <QTextBrowser>
#include <QThreadPool>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <limits>
#include <memory>
#include <optional>

namespace ferry {

namespace {

enum Page { PlaceholderPage, ResponsePage, FailurePage };
enum ResponseTab { BodyTab, HeadersTab, DetailsTab };
enum BodyPage { TextBodyPage, PreviewBodyPage, FormattingBodyPage };
enum PreviewPage { ImagePreviewPage, HtmlPreviewPage };

// How much of a body is looked at to tell text from binary data before choosing a view.
constexpr qsizetype kSniffLength = 64 * 1024;

// Bodies up to this size are formatted at once; larger ones off the UI thread, so a big
// download never freezes the window.
constexpr qsizetype kSynchronousFormatLimit = 256 * 1024;

// What QScintilla does on the UI thread when a text is set, and so what these limits keep
// short: with line wrapping on, it wraps every line at once, measuring each character through
// QTextLayout (about 2 µs a character: 2.5 MB of deeply indented JSON took 4 s); highlighting
// and folding cost less but still grow with the text. Longer texts are shown unwrapped, and
// much longer ones as plain text.
constexpr qsizetype kWrapLimit = 256 * 1024;
constexpr qsizetype kHighlightLimit = 1024 * 1024;

// Scintilla keeps fold levels in 12 bits, so folding JSON nested deeper than 4095 levels would
// draw nonsense. Pretty-printed JSON that deep is always longer than kHighlightLimit (every
// line below json::kMaxIndentedDepth levels carries that many levels of indentation), so it is
// never folded.
constexpr qsizetype kDeepestFoldableLevel = 4095;
static_assert(2 * (kDeepestFoldableLevel - json::kMaxIndentedDepth) * json::kMaxIndentedDepth
                  * json::FormatOptions{}.indent
              > kHighlightLimit);

// Indentation grows with nesting: 20,000 nested arrays (39 KB) indent to 10 MB, a million to
// half a gigabyte. When the indented text would pass this size (or this many times the body,
// for large bodies), each value goes on its own line without indentation instead.
constexpr qsizetype kIndentedTextLimit = 16 * 1024 * 1024;
constexpr qsizetype kIndentedGrowthLimit = 8;
// Formatting stops between chunks of this size to check that the text is not growing out of
// bounds, to report progress and to learn whether the user has canceled.
constexpr qsizetype kFormatChunk = 64 * 1024;
// The formatting progress bar counts in tenths of a percent.
constexpr int kProgressSteps = 1000;

constexpr int kErrorLineMarker = 1;
constexpr int kErrorIndicator = 8;

QString statusColor(const QString &statusClass)
{
    if (statusClass == u"success")
        return QStringLiteral("#2e7d32");
    if (statusClass == u"redirect")
        return QStringLiteral("#1565c0");
    if (statusClass == u"client-error")
        return QStringLiteral("#e65100");
    if (statusClass == u"server-error" || statusClass == u"failure")
        return QStringLiteral("#c62828");
    return QStringLiteral("#607d8b");
}

QByteArray charsetOf(const QByteArray &contentType)
{
    for (const QByteArray &parameter : contentType.split(';')) {
        const QByteArray trimmed = parameter.trimmed();
        if (trimmed.toLower().startsWith("charset="))
            return trimmed.mid(8).trimmed().replace('"', QByteArray());
    }
    return {};
}

// The body formatted as JSON, or nothing when the text would grow past limit bytes or when
// chunkDone asked to stop (then stopped is set).
std::optional<json::FormatOutcome>
formatWithin(QByteArrayView body, const json::FormatOptions &options, qsizetype limit,
             const std::function<bool(qint64, qint64)> &chunkDone, bool &stopped)
{
    json::FormatOutcome outcome;
    bool tooLong = false;
    json::Formatter formatter(options);
    formatter.setSink([&](QByteArrayView piece) {
        if (tooLong)
            return;
        if (outcome.text.size() + piece.size() > limit) {
            tooLong = true;
            outcome.text.clear();
            return;
        }
        outcome.text.append(piece);
    });

    // Fed in chunks, so runaway indentation is noticed after one chunk, not after all of it.
    for (qsizetype at = 0; at < body.size() && !tooLong; at += kFormatChunk) {
        if (!formatter.feed(body.sliced(at, qMin(kFormatChunk, body.size() - at))))
            break;
        if (chunkDone && !chunkDone(formatter.bytesConsumed(), body.size())) {
            stopped = true;
            return std::nullopt;
        }
    }
    if (!tooLong)
        formatter.finish();
    if (tooLong)
        return std::nullopt;
    outcome.error = formatter.error();
    return outcome;
}

QString failureTitle(FailureKind kind)
{
    switch (kind) {
    case FailureKind::None:
        break;
    case FailureKind::InvalidRequest:
        return QStringLiteral("The request was not sent");
    case FailureKind::ConnectionRefused:
        return QStringLiteral("Connection refused");
    case FailureKind::HostNotFound:
        return QStringLiteral("Host not found");
    case FailureKind::Timeout:
        return QStringLiteral("No answer in time");
    case FailureKind::Tls:
        return QStringLiteral("The secure connection failed");
    case FailureKind::Canceled:
        return QStringLiteral("Request canceled");
    case FailureKind::Network:
        break;
    }
    return QStringLiteral("No response");
}

// The cause of one certificate problem, as a headline.
QString tlsCause(TlsProblemKind kind)
{
    switch (kind) {
    case TlsProblemKind::Expired:
        return QStringLiteral("Certificate expired");
    case TlsProblemKind::NotYetValid:
        return QStringLiteral("Certificate not yet valid");
    case TlsProblemKind::Untrusted:
        return QStringLiteral("Certificate not trusted");
    case TlsProblemKind::WrongHost:
        return QStringLiteral("Certificate is for another host");
    case TlsProblemKind::Revoked:
        return QStringLiteral("Certificate revoked");
    case TlsProblemKind::NotForServers:
        return QStringLiteral("Certificate not meant for a server");
    case TlsProblemKind::NoCertificate:
        return QStringLiteral("No certificate from the server");
    case TlsProblemKind::Other:
        break;
    }
    return QStringLiteral("Certificate not accepted");
}

// Names the cause when the certificate was refused for one reason; several reasons are
// counted, and a failure that is not about the certificate gets no headline of its own.
QString tlsHeadline(const QList<TlsProblem> &problems)
{
    QStringList causes;
    for (const TlsProblem &problem : problems) {
        const QString cause = tlsCause(problem.kind);
        if (!causes.contains(cause))
            causes << cause;
    }
    if (causes.size() == 1)
        return causes.first();
    if (causes.size() > 1)
        return QStringLiteral("Certificate not accepted: %1 problems").arg(causes.size());
    return {};
}

QString mimeTypeOf(const QByteArray &contentType)
{
    return QString::fromLatin1(contentType.split(';').constFirst().trimmed().toLower());
}

bool isUnicodeCharset(const QByteArray &charset)
{
    const QByteArray name = charset.toLower().replace('-', QByteArray()).replace('_', QByteArray());
    return name.startsWith("utf8") || name.startsWith("utf16") || name.startsWith("utf32");
}

// A body as text for the Raw and Pretty views.
struct BodyText {
    QString text;
    bool binary = false; // not text in the charset it claims, or holds NUL characters
    bool json = false;
    QByteArray utf8; // the JSON text as UTF-8, for the formatter; set when json
    QString note;    // how the bytes were read, when that was not plain UTF-8
};

// Decodes body by the charset that contentType names. A Unicode charset (or none) lets the
// bytes decide between UTF-8, UTF-16 and UTF-32 for JSON, which is always Unicode; a charset
// Ferry does not know is read as UTF-8 and said so, never guessed at.
BodyText decodeBody(const QByteArray &contentType, QByteArrayView body)
{
    BodyText out;
    const QByteArray charset = charsetOf(contentType);
    QStringDecoder decoder(QStringDecoder::Utf8);
    bool unicode = true;
    if (!charset.isEmpty()) {
        QStringDecoder named(charset.constData());
        if (named.isValid()) {
            decoder = std::move(named);
            unicode = isUnicodeCharset(charset);
        } else {
            out.note = QStringLiteral("Ferry does not know the charset \"%1\", so the body is "
                                      "shown as UTF-8.")
                           .arg(QString::fromLatin1(charset));
        }
    }

    if (unicode) {
        json::DecodedText decoded = json::decodeToUtf8(body);
        if (json::looksLikeJson(contentType, decoded.utf8)) {
            out.json = true;
            out.text = QString::fromUtf8(decoded.utf8);
            out.binary = out.text.contains(QChar(0));
            out.utf8 = std::move(decoded.utf8);
            if (!decoded.note.isEmpty()) {
                decoded.note[0] = decoded.note.at(0).toUpper();
                out.note = out.note.isEmpty() ? decoded.note + u'.'
                                              : out.note + u' ' + decoded.note + u'.';
            }
            return out;
        }
    }

    out.text = decoder.decode(body);
    out.binary = decoder.hasError() || out.text.contains(QChar(0));
    out.json = !out.binary && json::looksLikeJson(contentType, body);
    if (out.json)
        out.utf8 = out.text.toUtf8();
    return out;
}

QString decodeText(const QByteArray &contentType, const QByteArray &body)
{
    return decodeBody(contentType, body).text;
}

// "00000010  49 48 44 52 00 00 00 01  00 00 00 01 08 06 00 00  |IHDR............|": the
// offset, sixteen bytes in hex (a wider gap after eight), then the same bytes as ASCII.
QString hexDump(QByteArrayView bytes)
{
    static constexpr char digits[] = "0123456789abcdef";
    QByteArray out;
    out.reserve((bytes.size() / 16 + 1) * 79);
    for (qsizetype row = 0; row < bytes.size(); row += 16) {
        const QByteArrayView line = bytes.sliced(row, qMin<qsizetype>(16, bytes.size() - row));
        out += QByteArray::number(row, 16).rightJustified(8, '0');
        out += ' ';
        for (qsizetype i = 0; i < 16; ++i) {
            out += i == 8 ? "  " : " ";
            if (i < line.size()) {
                const auto byte = static_cast<unsigned char>(line.at(i));
                out += digits[byte >> 4];
                out += digits[byte & 0xf];
            } else {
                out += "  ";
            }
        }
        out += "  |";
        for (const char byte : line)
            out += byte >= 0x20 && byte < 0x7f ? byte : '.';
        out += "|\n";
    }
    return QString::fromLatin1(out);
}

// Shows HTML as rich text and nothing more: it runs no scripts (QTextDocument has no script
// engine), follows no links, and loads no resource that is not inside the page itself, so a
// page cannot tell a server that it was looked at.
class OfflineDocument final : public QTextDocument {
public:
    using QTextDocument::QTextDocument;

protected:
    QVariant loadResource(int type, const QUrl &name) override
    {
        if (name.scheme().compare(u"data", Qt::CaseInsensitive) != 0)
            return {};
        return QTextDocument::loadResource(type, name);
    }
};

class OfflineBrowser final : public QTextBrowser {
public:
    explicit OfflineBrowser(QWidget *parent)
        : QTextBrowser(parent)
    {
        setDocument(new OfflineDocument(this));
        setOpenLinks(false);
        setOpenExternalLinks(false);
    }

    QVariant loadResource(int type, const QUrl &name) override
    {
        Q_UNUSED(type);
        Q_UNUSED(name);
        // The document decodes data: URLs itself; everything else stays unloaded.
        return {};
    }
};

QLabel *makeInfoLabel(const QString &objectName, const QString &toolTip, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setToolTip(toolTip);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

struct ResponseView::BodyPresentation {
    QString text;
    QString language;      // for CodeView::setLanguage; empty for plain text
    bool wrap = true;      // wrap long lines
    bool braces = true;    // highlight the bracket that matches the one at the cursor
    bool wrappable = true; // the user may turn wrapping on
    QStringList notes;     // shown above the body
    int errorLine = 0;     // 1-based line where the JSON stopped being valid; 0 for none
    int errorColumn = 0;   // 1-based, in characters
    QString filterError;   // why the JSONPath filter could not be used; empty when it could
    bool stopped = false;  // formatting was canceled part way: nothing to show

    // Turns off what would make a text of that many bytes slow to show.
    void fitTo(qsizetype bytes, const QString &what)
    {
        if (bytes > kHighlightLimit) {
            language.clear();
            wrap = false;
            // Matching a bracket scans up to the whole text on every move of the cursor.
            braces = false;
            wrappable = false;
            notes << QStringLiteral("%1 is %2, so it is shown without highlighting, folding or "
                                    "line wrapping to keep the window responsive.")
                         .arg(what, formatSize(bytes));
        } else if (bytes > kWrapLimit) {
            wrap = false;
        }
    }
};

ResponseView::ResponseView(QWidget *parent)
    : QWidget(parent)
{
    m_status = makeInfoLabel(QStringLiteral("statusLabel"), QStringLiteral("Status"), this);
    m_time = makeInfoLabel(QStringLiteral("timeLabel"),
                           QStringLiteral("Total time, from sending to the last byte"), this);
    m_size = makeInfoLabel(QStringLiteral("sizeLabel"), QStringLiteral("Size of the body"), this);
    m_version = makeInfoLabel(QStringLiteral("httpVersionLabel"),
                              QStringLiteral("HTTP version of the response"), this);
    for (QLabel *label : {m_time, m_size, m_version})
        label->setStyleSheet(QStringLiteral("color: #5f6b73;"));

    auto *summary = new QHBoxLayout;
    summary->addWidget(m_status);
    summary->addSpacing(12);
    summary->addWidget(m_time);
    summary->addSpacing(12);
    summary->addWidget(m_size);
    summary->addSpacing(12);
    summary->addWidget(m_version);
    summary->addStretch();

    m_placeholder = new QLabel(this);
    m_placeholder->setObjectName(QStringLiteral("responsePlaceholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setEnabled(false);

    m_noteRow = new QWidget(this);
    m_noteRow->setObjectName(QStringLiteral("responseNote"));
    m_noteRow->setAttribute(Qt::WA_StyledBackground);
    m_noteRow->setStyleSheet(QStringLiteral("#responseNote { background: #fff3e0;"
                                            " border: 1px solid #ffb74d; }"
                                            "#responseNoteLabel { color: #8a3c00; }"));
    m_note = new QLabel(m_noteRow);
    m_note->setObjectName(QStringLiteral("responseNoteLabel"));
    m_note->setWordWrap(true);
    m_note->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_goToError = new QPushButton(QStringLiteral("Go to error"), m_noteRow);
    m_goToError->setObjectName(QStringLiteral("goToErrorButton"));
    m_goToError->setToolTip(QStringLiteral("Put the cursor where the JSON stops being valid"));
    auto *noteLayout = new QHBoxLayout(m_noteRow);
    noteLayout->setContentsMargins(6, 4, 4, 4);
    noteLayout->addWidget(m_note, 1);
    noteLayout->addWidget(m_goToError, 0, Qt::AlignTop);
    m_noteRow->hide();

    m_body = new CodeView(this);
    m_body->setObjectName(QStringLiteral("responseBody"));
    m_body->setAccessibleName(QStringLiteral("Response body"));
    m_body->setReadOnly(true);
    m_body->setWrapMode(QsciScintilla::WrapWord);
    // Nobody edits a response, and an undo history would hold a second copy of every body.
    m_body->SendScintilla(QsciScintilla::SCI_SETUNDOCOLLECTION, 0UL);
    m_body->markerDefine(QsciScintilla::Background, kErrorLineMarker);
    m_body->setMarkerBackgroundColor(CodeView::tintedLineBackground(), kErrorLineMarker);
    m_body->indicatorDefine(QsciScintilla::SquiggleIndicator, kErrorIndicator);
    m_body->setIndicatorForegroundColor(QColor(0xc6, 0x28, 0x28), kErrorIndicator);

    createBodyPage();

    m_headers = new QTableWidget(0, 2, this);
    m_headers->setObjectName(QStringLiteral("responseHeadersTable"));
    m_headers->setHorizontalHeaderLabels({QStringLiteral("Name"), QStringLiteral("Value")});
    m_headers->horizontalHeader()->setStretchLastSection(true);
    m_headers->setColumnWidth(0, 200);
    m_headers->verticalHeader()->setVisible(false);
    m_headers->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_headers->setWordWrap(false);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("responseTabs"));
    m_tabs->insertTab(BodyTab, m_bodyPage, QStringLiteral("Body"));
    m_tabs->insertTab(HeadersTab, m_headers, QStringLiteral("Headers"));
    m_details = new ResponseDetails(this);
    m_tabs->insertTab(DetailsTab, m_details, QStringLiteral("Details"));
    m_tabs->setTabToolTip(DetailsTab, QStringLiteral("Sizes, timing, TLS, redirects and cookies"));

    m_failureTitle = new QLabel(this);
    m_failureTitle->setObjectName(QStringLiteral("failureTitleLabel"));
    m_failureTitle->setStyleSheet(QStringLiteral("font-size: 14pt; font-weight: 600;"));
    m_failureDetails = new QPlainTextEdit(this);
    m_failureDetails->setObjectName(QStringLiteral("failureDetails"));
    m_failureDetails->setReadOnly(true);
    m_failureDetails->setFrameShape(QFrame::NoFrame);
    m_failureDetails->setTextInteractionFlags(Qt::TextSelectableByMouse
                                              | Qt::TextSelectableByKeyboard);

    auto *failurePage = new QWidget(this);
    auto *failureLayout = new QVBoxLayout(failurePage);
    failureLayout->addWidget(m_failureTitle);
    failureLayout->addWidget(m_failureDetails, 1);

    m_pages = new QStackedWidget(this);
    m_pages->setObjectName(QStringLiteral("responsePages"));
    m_pages->insertWidget(PlaceholderPage, m_placeholder);
    m_pages->insertWidget(ResponsePage, m_tabs);
    m_pages->insertWidget(FailurePage, failurePage);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(summary);
    layout->addWidget(m_pages, 1);

    clear();

    connect(m_goToError, &QPushButton::clicked, this, &ResponseView::goToError);
}

ResponseView::~ResponseView()
{
    // A worker still formatting a body for this view stops at its next chunk.
    stopFormatting();
}

void ResponseView::stopFormatting()
{
    m_formatWatcher->cancel();
    // Progress already on its way from that work would move the bar of the next one.
    QCoreApplication::removePostedEvents(m_formatWatcher, QEvent::FutureCallOut);
}

void ResponseView::showRawInstead()
{
    if (m_bodyPages->currentIndex() != FormattingBodyPage || m_view != BodyView::Pretty)
        return;
    m_view = BodyView::Raw;
    updatePicker();
    // Rendering afresh cancels the formatting in flight.
    renderBody(QStringLiteral("Formatting canceled; shown as received."));
}

void ResponseView::createBodyPage()
{
    m_chooseSaveFile = [](QWidget *parent, const QString &title, const QString &suggestedName) {
        return QFileDialog::getSaveFileName(parent, title, suggestedName);
    };
    m_presentProblem = [](QWidget *parent, const QString &title, const QString &text) {
        QMessageBox::warning(parent, title, text);
    };

    m_viewPicker = new QComboBox(this);
    m_viewPicker->setObjectName(QStringLiteral("bodyViewPicker"));
    m_viewPicker->setAccessibleName(QStringLiteral("Body view"));
    m_viewPicker->setToolTip(
        QStringLiteral("Pretty: formatted JSON. Raw: the text as received. Hex: the bytes. "
                       "Preview: images, and HTML as a page that loads nothing."));
    m_viewPicker->addItems({QStringLiteral("Pretty"), QStringLiteral("Raw"), QStringLiteral("Hex"),
                            QStringLiteral("Preview")});

    m_findButton = makeToolButton(QStringLiteral("findButton"), QStringLiteral("Find"),
                                  QStringLiteral("Find in the body (Ctrl+F)"), this);
    m_wrapButton = makeToolButton(QStringLiteral("wrapButton"), QStringLiteral("Wrap"),
                                  QStringLiteral("Wrap long lines"), this);
    m_wrapButton->setCheckable(true);
    m_copyButton = makeToolButton(QStringLiteral("copyBodyButton"), QStringLiteral("Copy"),
                                  QStringLiteral("Copy the body as text"), this);
    m_saveButton = makeToolButton(QStringLiteral("saveBodyButton"), QStringLiteral("Save As…"),
                                  QStringLiteral("Save the body, byte for byte, to a file"), this);

    createJsonTools();

    auto *toolbar = new QHBoxLayout;
    toolbar->setContentsMargins(0, 0, 0, 0);
    toolbar->addWidget(m_viewPicker);
    toolbar->addWidget(m_sortKeysButton);
    toolbar->addStretch();
    toolbar->addWidget(m_findButton);
    toolbar->addWidget(m_wrapButton);
    toolbar->addWidget(m_copyButton);
    toolbar->addWidget(m_saveButton);

    m_findBar = new FindBar(m_body, this);

    m_previewImage = new QLabel(this);
    m_previewImage->setObjectName(QStringLiteral("previewImage"));
    m_previewImage->setAlignment(Qt::AlignCenter);
    auto *imageScroll = new QScrollArea(this);
    imageScroll->setObjectName(QStringLiteral("previewImageArea"));
    imageScroll->setWidget(m_previewImage);
    imageScroll->setWidgetResizable(true);
    imageScroll->setAlignment(Qt::AlignCenter);

    m_previewHtml = new OfflineBrowser(this);
    m_previewHtml->setObjectName(QStringLiteral("previewHtml"));
    m_previewHtml->setAccessibleName(QStringLiteral("Page preview"));

    m_previewPages = new QStackedWidget(this);
    m_previewPages->setObjectName(QStringLiteral("previewPages"));
    m_previewPages->insertWidget(ImagePreviewPage, imageScroll);
    m_previewPages->insertWidget(HtmlPreviewPage, m_previewHtml);

    m_bodyPages = new QStackedWidget(this);
    m_bodyPages->setObjectName(QStringLiteral("bodyPages"));
    m_bodyPages->insertWidget(TextBodyPage, m_body);
    m_bodyPages->insertWidget(PreviewBodyPage, m_previewPages);
    m_bodyPages->insertWidget(FormattingBodyPage, createFormattingPage());

    m_bodyPage = new QWidget(this);
    auto *bodyLayout = new QVBoxLayout(m_bodyPage);
    bodyLayout->setContentsMargins(0, 0, 0, 0);
    bodyLayout->setSpacing(2);
    bodyLayout->addLayout(toolbar);
    bodyLayout->addWidget(m_filterRow);
    bodyLayout->addWidget(m_noteRow);
    bodyLayout->addWidget(m_findBar);
    bodyLayout->addWidget(m_bodyPages, 1);

    // Ctrl+F while the focus is anywhere in the response.
    m_findAction = new QAction(QStringLiteral("Find in Body"), this);
    m_findAction->setObjectName(QStringLiteral("findInBodyAction"));
    m_findAction->setShortcut(QKeySequence::Find);
    m_findAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_findAction);

    connect(m_viewPicker, &QComboBox::activated, this,
            [this](int index) { setBodyView(BodyView(index)); });
    connect(m_findAction, &QAction::triggered, this, &ResponseView::openFind);
    connect(m_findButton, &QToolButton::clicked, this, &ResponseView::openFind);
    connect(m_wrapButton, &QToolButton::clicked, this, [this](bool wrap) {
        m_wrapWanted = wrap;
        setWrap(wrap);
    });
    connect(m_copyButton, &QToolButton::clicked, this, &ResponseView::copyBody);
    connect(m_saveButton, &QToolButton::clicked, this, &ResponseView::saveBody);
}

QWidget *ResponseView::createFormattingPage()
{
    auto *page = new QWidget(this);
    page->setObjectName(QStringLiteral("formattingPage"));
    m_formatStatus = new QLabel(page);
    m_formatStatus->setObjectName(QStringLiteral("formatStatusLabel"));
    m_formatStatus->setAlignment(Qt::AlignCenter);
    m_formatProgress = new QProgressBar(page);
    m_formatProgress->setObjectName(QStringLiteral("formatProgress"));
    m_formatProgress->setAccessibleName(QStringLiteral("Formatting progress"));
    m_formatProgress->setRange(0, kProgressSteps);
    m_formatProgress->setMaximumWidth(360);
    m_cancelFormat = new QPushButton(QStringLiteral("Show raw instead"), page);
    m_cancelFormat->setObjectName(QStringLiteral("cancelFormatButton"));
    m_cancelFormat->setToolTip(QStringLiteral("Stop formatting and show the body as received"));

    auto *layout = new QVBoxLayout(page);
    layout->addStretch();
    layout->addWidget(m_formatStatus);
    layout->addWidget(m_formatProgress, 0, Qt::AlignHCenter);
    layout->addWidget(m_cancelFormat, 0, Qt::AlignHCenter);
    layout->addStretch();

    m_formatWatcher = new QFutureWatcher<BodyPresentation>(this);
    connect(m_formatWatcher, &QFutureWatcherBase::progressValueChanged, m_formatProgress,
            &QProgressBar::setValue);
    connect(m_formatWatcher, &QFutureWatcherBase::finished, this, &ResponseView::showFormatted);
    connect(m_cancelFormat, &QPushButton::clicked, this, &ResponseView::showRawInstead);
    return page;
}

void ResponseView::createJsonTools()
{
    m_sortKeysButton =
        makeToolButton(QStringLiteral("sortKeysButton"), QStringLiteral("Sort keys"),
                       QStringLiteral("Sort the members of every object by key"), this);
    m_sortKeysButton->setCheckable(true);

    m_filterRow = new QWidget(this);
    m_filterRow->setObjectName(QStringLiteral("jsonPathFilterRow"));
    m_filter = new QLineEdit(m_filterRow);
    m_filter->setObjectName(QStringLiteral("jsonPathFilter"));
    m_filter->setAccessibleName(QStringLiteral("JSONPath filter"));
    m_filter->setPlaceholderText(
        QStringLiteral("Filter with JSONPath, e.g. $.items[?(@.price < 10)].name"));
    m_filter->setToolTip(QStringLiteral("Show only what the JSONPath expression selects; "
                                        "clear it to show the whole body"));
    m_filter->setClearButtonEnabled(true);
    m_filterError = new QLabel(m_filterRow);
    m_filterError->setObjectName(QStringLiteral("jsonPathFilterError"));
    m_filterError->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_filterError->setWordWrap(true);
    m_filterError->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_filterError->hide();
    auto *filterLayout = new QVBoxLayout(m_filterRow);
    filterLayout->setContentsMargins(0, 0, 0, 0);
    filterLayout->setSpacing(2);
    filterLayout->addWidget(m_filter);
    filterLayout->addWidget(m_filterError);

    // Typing pauses this long before the filter runs, so a body is not queried on every key.
    m_filterDelay = new QTimer(this);
    m_filterDelay->setObjectName(QStringLiteral("jsonPathFilterDelay"));
    m_filterDelay->setSingleShot(true);
    m_filterDelay->setInterval(400);

    connect(m_sortKeysButton, &QToolButton::toggled, this, &ResponseView::setSortKeys);
    connect(m_filter, &QLineEdit::textChanged, m_filterDelay, qOverload<>(&QTimer::start));
    connect(m_filter, &QLineEdit::returnPressed, this, &ResponseView::applyFilter);
    connect(m_filterDelay, &QTimer::timeout, this, &ResponseView::applyFilter);
}

void ResponseView::setSortKeys(bool sort)
{
    m_sortKeysButton->setChecked(sort);
    if (sort == m_sortKeys)
        return;
    m_sortKeys = sort;
    if (m_pages->currentIndex() == ResponsePage && m_view == BodyView::Pretty && m_kind.json)
        renderBody();
}

void ResponseView::setJsonPathFilter(const QString &path)
{
    m_filter->setText(path);
    applyFilter();
}

void ResponseView::applyFilter()
{
    m_filterDelay->stop();
    const QString path = m_filter->text().trimmed();
    if (path == m_filterPath)
        return;
    m_filterPath = path;
    if (m_pages->currentIndex() == ResponsePage && m_view == BodyView::Pretty && m_kind.json)
        renderBody();
}

void ResponseView::setSaveFileChooser(SaveFileChooser chooser)
{
    m_chooseSaveFile = std::move(chooser);
}

void ResponseView::setProblemPresenter(ProblemPresenter presenter)
{
    m_presentProblem = std::move(presenter);
}

void ResponseView::clear()
{
    showPlaceholder(QString(), QStringLiteral("Send a request to see its response here.\n\n"
                                              "Ctrl+Enter sends, Esc cancels."));
}

void ResponseView::showSending()
{
    showPlaceholder(QStringLiteral("Sending…"),
                    QStringLiteral("Waiting for the response…\n\nEsc cancels."));
}

void ResponseView::showNotSent()
{
    showPlaceholder(QStringLiteral("Not sent"),
                    QStringLiteral("The request was not sent: fix the problems marked in it, "
                                   "then send it again."));
}

void ResponseView::showPlaceholder(const QString &status, const QString &text)
{
    // Also drops a large body still being formatted for an earlier response.
    ++m_generation;
    stopFormatting();
    setStatusText(status, QString());
    m_time->clear();
    m_size->clear();
    m_version->clear();
    m_placeholder->setText(text);
    m_pages->setCurrentIndex(PlaceholderPage);
    m_bodyBytes.clear();
}

void ResponseView::showResponse(const Response &response)
{
    ++m_generation;
    stopFormatting();
    if (!response.succeeded()) {
        showFailure(response);
        return;
    }

    showStatus(response);
    showHeaders(response);
    m_details->showResponse(response);
    m_pages->setCurrentIndex(ResponsePage);
    m_tabs->setCurrentIndex(BodyTab);

    m_bodyBytes = response.body;
    m_contentType = response.header("Content-Type");
    m_kind = classify(m_contentType, m_bodyBytes);
    if (m_kind.image)
        m_view = BodyView::Preview;
    else if (m_kind.binary)
        m_view = BodyView::Hex;
    else if (m_kind.json)
        m_view = BodyView::Pretty;
    else
        m_view = BodyView::Raw;
    updatePicker();
    renderBody();
}

ResponseView::BodyKind ResponseView::classify(const QByteArray &contentType, const QByteArray &body)
{
    BodyKind kind;
    if (body.isEmpty())
        return kind;

    // The start of the body decides, so a large download is not decoded twice; a multi-byte
    // character cut at the end of the sample is left pending, not counted as an error.
    const QByteArray sample = body.first(qMin(body.size(), kSniffLength));
    const BodyText decoded = decodeBody(contentType, sample);
    const QString &text = decoded.text;
    kind.binary = decoded.binary;

    const QString mime = mimeTypeOf(contentType);
    QBuffer buffer;
    buffer.setData(body);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    const QByteArray format = reader.format();
    kind.image = reader.canRead()
                 && (mime.startsWith(u"image/") || format == "png" || format == "jpeg"
                     || format == "gif" || format == "webp");
    if (kind.binary)
        return kind;

    kind.json = decoded.json;
    const QString start = text.first(qMin<qsizetype>(text.size(), 256)).trimmed().toLower();
    kind.html = mime == u"text/html" || mime == u"application/xhtml+xml"
                || ((mime.isEmpty() || mime == u"text/plain")
                    && (start.startsWith(u"<!doctype html") || start.startsWith(u"<html")));
    return kind;
}

bool ResponseView::isBodyViewAvailable(BodyView view) const
{
    switch (view) {
    case BodyView::Pretty:
        return m_kind.json;
    case BodyView::Raw:
        return !m_kind.binary;
    case BodyView::Hex:
        return !m_bodyBytes.isEmpty();
    case BodyView::Preview:
        return m_kind.image || m_kind.html;
    }
    return false;
}

void ResponseView::updatePicker()
{
    auto *model = qobject_cast<QStandardItemModel *>(m_viewPicker->model());
    for (const BodyView view :
         {BodyView::Pretty, BodyView::Raw, BodyView::Hex, BodyView::Preview}) {
        if (QStandardItem *item = model ? model->item(int(view)) : nullptr)
            item->setEnabled(isBodyViewAvailable(view));
    }
    m_viewPicker->setCurrentIndex(int(m_view));
    m_copyButton->setEnabled(!m_kind.binary && !m_bodyBytes.isEmpty());
    m_saveButton->setEnabled(!m_bodyBytes.isEmpty());
}

void ResponseView::setBodyView(BodyView view)
{
    if (m_pages->currentIndex() != ResponsePage || !isBodyViewAvailable(view)) {
        m_viewPicker->setCurrentIndex(int(m_view));
        return;
    }
    m_view = view;
    m_viewPicker->setCurrentIndex(int(m_view));
    renderBody();
}

void ResponseView::renderBody(const QString &extraNote)
{
    const quint64 generation = ++m_generation;
    stopFormatting();
    const bool preview = m_view == BodyView::Preview;
    m_bodyPages->setCurrentIndex(preview ? PreviewBodyPage : TextBodyPage);
    // Sorting and filtering reshape formatted JSON; the other views show what came.
    const bool pretty = m_view == BodyView::Pretty && m_kind.json;
    m_sortKeysButton->setVisible(pretty);
    m_filterRow->setVisible(pretty);
    // A preview has no text to find or wrap.
    m_findButton->setVisible(!preview);
    m_wrapButton->setVisible(!preview);
    m_findAction->setEnabled(!preview);
    if (preview) {
        m_findBar->hide();
        showPreview();
        return;
    }

    const QByteArray contentType = m_contentType;
    const QByteArray body = m_bodyBytes;
    const BodyView view = m_view;
    const bool binary = m_kind.binary;
    const PrettyOptions options{m_sortKeys, m_filterPath};
    if (body.size() <= kSynchronousFormatLimit) {
        BodyPresentation presentation = present(view, contentType, body, binary, options);
        if (!extraNote.isEmpty())
            presentation.notes.prepend(extraNote);
        showBody(presentation);
        return;
    }

    // Only formatting JSON goes chunk by chunk, so only it can tell how far it got and stop
    // part way; the other views just take a moment to decode.
    const bool formatting = view == BodyView::Pretty && m_kind.json;
    m_noteRow->hide();
    m_note->hide();
    m_errorLine = -1;
    m_body->setLanguage(QString());
    m_body->markerDeleteAll(kErrorLineMarker);
    // The previous body would only be found by the find bar while the new one is prepared.
    m_body->clear();
    m_formatStatus->setText(formatting
                                ? QStringLiteral("Formatting %1…").arg(formatSize(body.size()))
                                : QStringLiteral("Loading %1…").arg(formatSize(body.size())));
    m_formatProgress->setValue(0);
    m_formatProgress->setVisible(formatting);
    m_cancelFormat->setVisible(formatting);
    m_bodyPages->setCurrentIndex(FormattingBodyPage);

    auto promise = std::make_shared<QPromise<BodyPresentation>>();
    promise->setProgressRange(0, kProgressSteps);
    QFuture<BodyPresentation> future = promise->future();
    promise->start();
    m_formatWatcher->setFuture(future);
    QThreadPool::globalInstance()->start([promise, view, contentType, body, binary, options] {
        // Between chunks the worker says how far it got (the watcher passes that on to the UI
        // thread, a few times a second at most) and learns whether it was canceled.
        const ChunkDone chunkDone = [&promise](qint64 consumed, qint64 total) {
            promise->setProgressValue(int(consumed * kProgressSteps / qMax<qint64>(total, 1)));
            return !promise->isCanceled();
        };
        BodyPresentation presentation =
            present(view, contentType, body, binary, options, chunkDone);
        if (!presentation.stopped && !promise->isCanceled())
            promise->addResult(std::move(presentation));
        promise->finish();
    });
    m_formatGeneration = generation;
    m_formatNote = extraNote;
}

void ResponseView::showFormatted()
{
    // The watcher, not a continuation, hands the result over: with Qt 6.4, canceling a future
    // whose continuation has already run crashes, and Ferry cancels whenever a body is replaced.
    const QFuture<BodyPresentation> future = m_formatWatcher->future();
    if (m_formatGeneration != m_generation || !future.isFinished() || future.isCanceled()
        || future.resultCount() == 0)
        return;
    // Shown once, even if a late word from canceled work asks again.
    m_formatGeneration = 0;
    BodyPresentation presentation = future.result();
    if (!m_formatNote.isEmpty())
        presentation.notes.prepend(m_formatNote);
    showBody(presentation);
}

void ResponseView::showStatus(const Response &response)
{
    const QString reason =
        response.reason.isEmpty() ? reasonPhrase(response.statusCode) : response.reason;
    setStatusText(QStringLiteral("%1 %2").arg(response.statusCode).arg(reason).trimmed(),
                  response.statusClass());
    m_time->setText(response.timings.totalMs >= 0 ? formatDuration(response.timings.totalMs)
                                                  : QString());
    m_size->setText(formatSize(response.body.size()));
    m_version->setText(response.httpVersion);
}

void ResponseView::showHeaders(const Response &response)
{
    m_headers->setRowCount(0);
    for (const WireHeader &header : response.headers) {
        const int row = m_headers->rowCount();
        m_headers->insertRow(row);
        const QString value = QString::fromUtf8(header.value);
        auto *valueItem = new QTableWidgetItem(value);
        valueItem->setToolTip(value);
        m_headers->setItem(row, 0, new QTableWidgetItem(QString::fromUtf8(header.name)));
        m_headers->setItem(row, 1, valueItem);
    }
    m_tabs->setTabText(HeadersTab, QStringLiteral("Headers (%1)").arg(response.headers.size()));
}

ResponseView::BodyPresentation ResponseView::present(BodyView view, const QByteArray &contentType,
                                                     const QByteArray &body, bool binary,
                                                     const PrettyOptions &pretty,
                                                     const ChunkDone &chunkDone)
{
    BodyPresentation out;
    if (body.isEmpty()) {
        out.notes << QStringLiteral("The response has no body.");
        return out;
    }

    const QString described = QStringLiteral("%1%2").arg(
        formatSize(body.size()),
        contentType.isEmpty() ? QString() : QStringLiteral(", ") + QString::fromUtf8(contentType));
    if (view == BodyView::Hex) {
        out.text = hexDump(QByteArrayView(body).first(qMin(body.size(), kHexLimit)));
        out.wrap = false;
        out.wrappable = false;
        out.braces = false;
        if (binary)
            out.notes
                << QStringLiteral("The body is binary data (%1), shown as hex.").arg(described);
        if (body.size() > kHexLimit) {
            out.notes << QStringLiteral("Only the first %1 of %2 are shown; Save As… writes all "
                                        "of it.")
                             .arg(formatSize(kHexLimit), formatSize(body.size()));
        }
        return out;
    }

    const BodyText decoded = decodeBody(contentType, body);
    if (decoded.binary) {
        out.notes
            << QStringLiteral("The body is binary data (%1); Hex shows its bytes.").arg(described);
        return out;
    }
    if (!decoded.note.isEmpty())
        out.notes << decoded.note;

    // Raw, and Pretty for anything but JSON, is plain text: HTML and XML lexers mark valid
    // markup (a lowercase <!doctype html>) as errors, and a tester needs the bytes as they came.
    if (view == BodyView::Raw || !decoded.json) {
        out.text = decoded.text;
        out.fitTo(body.size(), QStringLiteral("The body"));
        return out;
    }

    const QString filter = pretty.filter.trimmed();
    if (!filter.isEmpty()) {
        const Result<json::JsonPath> path = json::JsonPath::parse(filter);
        if (!path) {
            out.filterError =
                QStringLiteral("Column %1: %2").arg(path.error().column).arg(path.error().message);
        } else {
            // Compact matches go through the same formatting as a whole body, so a match
            // nested too deeply to indent is handled the same way.
            json::FormatOptions compact;
            compact.minify = true;
            const json::FormatOutcome matches = json::query(decoded.utf8, *path, compact);
            if (!matches.error) {
                presentJson(matches.text, pretty.sortKeys, out, chunkDone);
                return out;
            }
        }
    }

    presentJson(decoded.utf8, pretty.sortKeys, out, chunkDone);
    if (out.errorLine > 0) {
        // Broken JSON is shown exactly as it came, with where it broke.
        out.text = decoded.text;
        out.fitTo(body.size(), QStringLiteral("The body"));
    }
    return out;
}

void ResponseView::presentJson(QByteArrayView utf8, bool sortKeys, BodyPresentation &out,
                               const ChunkDone &chunkDone)
{
    out.language = QStringLiteral("json");
    std::optional<json::FormatOutcome> formatted =
        formatWithin(utf8, {}, qMax(kIndentedTextLimit, utf8.size() * kIndentedGrowthLimit),
                     chunkDone, out.stopped);
    bool flat = false;
    json::FormatOptions flatOptions;
    flatOptions.indent = 0;
    if (!formatted && !out.stopped) {
        formatted = formatWithin(utf8, flatOptions, std::numeric_limits<qsizetype>::max(),
                                 chunkDone, out.stopped);
        flat = true;
    }
    if (out.stopped)
        return;

    if (formatted->error) {
        out.notes << QStringLiteral("Not valid JSON, shown as received: %1")
                         .arg(formatted->error->describe());
        out.errorLine = formatted->error->line;
        out.errorColumn = formatted->error->column;
        return;
    }

    // Sorting moves members but adds no bytes, so the streaming pass above has already told
    // whether the indented text fits.
    if (sortKeys)
        formatted = json::formatSorted(utf8, flat ? flatOptions : json::FormatOptions{});
    out.text = QString::fromUtf8(formatted->text);
    if (!flat) {
        out.fitTo(formatted->text.size(), QStringLiteral("The formatted body"));
        return;
    }
    out.language.clear();
    out.wrap = false;
    out.braces = false;
    out.notes << QStringLiteral("Nested too deeply to indent: each value is shown on its own "
                                "line, without indentation, highlighting, folding or line "
                                "wrapping.");
}

void ResponseView::showBody(const BodyPresentation &presentation)
{
    m_bodyPages->setCurrentIndex(TextBodyPage);
    // Language and wrapping first, so the text is styled and wrapped once, the way it stays.
    m_body->setLanguage(presentation.language);
    const bool wrap = presentation.wrap && m_wrapWanted;
    m_body->setWrapMode(wrap ? QsciScintilla::WrapWord : QsciScintilla::WrapNone);
    m_wrapButton->setChecked(wrap);
    m_wrapButton->setEnabled(presentation.wrappable);
    m_body->setBraceMatching(presentation.braces ? QsciScintilla::SloppyBraceMatch
                                                 : QsciScintilla::NoBraceMatch);
    // The horizontal scroll range grows with the widest line seen; start it afresh.
    m_body->setScrollWidth(1);
    m_body->setText(presentation.text);
    m_body->markerDeleteAll(kErrorLineMarker);
    m_errorLine = presentation.errorLine - 1;
    m_errorIndex = presentation.errorColumn - 1;
    if (m_errorLine >= 0) {
        // The whole line is tinted, and a squiggle marks the very character, which matters on
        // a long line.
        m_body->markerAdd(m_errorLine, kErrorLineMarker);
        m_body->SendScintilla(QsciScintilla::SCI_SETINDICATORCURRENT, kErrorIndicator);
        m_body->SendScintilla(QsciScintilla::SCI_INDICATORFILLRANGE, errorPosition(), 1L);
        m_body->ensureLineVisible(m_errorLine);
    }

    m_filterError->setText(presentation.filterError);
    m_filterError->setVisible(!presentation.filterError.isEmpty());
    m_note->setText(presentation.notes.join(u'\n'));
    m_goToError->setVisible(m_errorLine >= 0);
    m_note->setVisible(!presentation.notes.isEmpty());
    m_noteRow->setVisible(!presentation.notes.isEmpty());
    m_findBar->refresh();
    emit bodyShown();
}

void ResponseView::showPreview()
{
    m_errorLine = -1;
    m_goToError->hide();
    QString note;
    if (m_kind.image) {
        m_previewPages->setCurrentIndex(ImagePreviewPage);
        QBuffer buffer;
        buffer.setData(m_bodyBytes);
        buffer.open(QIODevice::ReadOnly);
        QImageReader reader(&buffer);
        const QImage image = reader.read();
        if (image.isNull()) {
            m_previewImage->setPixmap(QPixmap());
            m_previewImage->setText(QStringLiteral("Ferry cannot show this image."));
            note = QStringLiteral("The body is binary data (%1%2) that Ferry cannot show as an "
                                  "image: %3. Hex shows its bytes.")
                       .arg(formatSize(m_bodyBytes.size()),
                            m_contentType.isEmpty()
                                ? QString()
                                : QStringLiteral(", ") + QString::fromUtf8(m_contentType),
                            reader.errorString());
        } else {
            m_previewImage->setPixmap(QPixmap::fromImage(image));
            m_previewImage->setToolTip(QStringLiteral("%1 image, %2 × %3 pixels")
                                           .arg(QString::fromLatin1(reader.format().toUpper()))
                                           .arg(image.width())
                                           .arg(image.height()));
        }
    } else {
        m_previewPages->setCurrentIndex(HtmlPreviewPage);
        m_previewHtml->setHtml(decodeText(m_contentType, m_bodyBytes));
        note = QStringLiteral("Preview shows the page as rich text: scripts do not run, links do "
                              "not open and nothing is loaded from the network.");
    }
    m_note->setText(note);
    m_note->setVisible(!note.isEmpty());
    m_noteRow->setVisible(!note.isEmpty());
    emit bodyShown();
}

void ResponseView::setWrap(bool wrap)
{
    m_body->setWrapMode(wrap ? QsciScintilla::WrapWord : QsciScintilla::WrapNone);
    m_wrapButton->setChecked(wrap);
}

void ResponseView::openFind()
{
    if (m_pages->currentIndex() != ResponsePage || m_view == BodyView::Preview)
        return;
    m_tabs->setCurrentIndex(BodyTab);
    m_findBar->open();
}

void ResponseView::copyBody()
{
    if (m_bodyBytes.isEmpty() || m_kind.binary)
        return;
    QGuiApplication::clipboard()->setText(decodeText(m_contentType, m_bodyBytes));
}

void ResponseView::saveBody()
{
    if (m_bodyBytes.isEmpty())
        return;

    QString suggested = QStringLiteral("response");
    const QMimeType type = QMimeDatabase().mimeTypeForName(mimeTypeOf(m_contentType));
    if (type.isValid() && !type.preferredSuffix().isEmpty())
        suggested += u'.' + type.preferredSuffix();
    const QString title = QStringLiteral("Save Body As");
    const QString path = m_chooseSaveFile(this, title, suggested);
    if (path.isEmpty())
        return;

    // Written beside the target and renamed over it only when complete, so a failure leaves
    // any earlier file as it was.
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly) && file.write(m_bodyBytes) == m_bodyBytes.size()
        && file.commit())
        return;
    const QString reason = file.errorString();
    file.cancelWriting();
    m_presentProblem(this, title,
                     QStringLiteral("Ferry could not save the body to %1:\n%2\n\nAny file that "
                                    "was there is unchanged.")
                         .arg(QDir::toNativeSeparators(path), reason));
}

long ResponseView::errorPosition() const
{
    // Straight through Scintilla: QsciScintilla::positionFromLineIndex steps one character at
    // a time, slow for an error five million characters into a line.
    const long lineStart = m_body->SendScintilla(QsciScintilla::SCI_POSITIONFROMLINE, m_errorLine);
    const long at = m_body->SendScintilla(QsciScintilla::SCI_POSITIONRELATIVE, lineStart,
                                          long(qMax(0, m_errorIndex)));
    // Scintilla answers 0 for a column past the end of the text (a string left open).
    if (at == 0 && m_errorIndex > 0)
        return m_body->SendScintilla(QsciScintilla::SCI_GETLINEENDPOSITION, m_errorLine);
    return at;
}

void ResponseView::goToError()
{
    if (m_errorLine < 0)
        return;

    const long at = errorPosition();
    m_tabs->setCurrentIndex(BodyTab);
    m_body->setFocus(Qt::OtherFocusReason);
    m_body->SendScintilla(QsciScintilla::SCI_GOTOPOS, at);
    m_body->SendScintilla(QsciScintilla::SCI_SCROLLCARET);
    if (m_body->wrapMode() == QsciScintilla::WrapNone) {
        // Scrolling the caret into view leaves it at the very edge; centre it, so the text
        // before and after the error shows too.
        const long x = m_body->SendScintilla(QsciScintilla::SCI_POINTXFROMPOSITION, 0UL, at);
        const long offset = m_body->SendScintilla(QsciScintilla::SCI_GETXOFFSET);
        m_body->SendScintilla(QsciScintilla::SCI_SETXOFFSET,
                              qMax(0L, offset + x - m_body->viewport()->width() / 2));
    }
}

void ResponseView::showFailure(const Response &response)
{
    const bool canceled = response.failure == FailureKind::Canceled;
    setStatusText(canceled ? QStringLiteral("Canceled") : QStringLiteral("Failed"),
                  canceled ? QString() : QStringLiteral("failure"));
    m_time->setText(response.timings.totalMs >= 0 ? formatDuration(response.timings.totalMs)
                                                  : QString());
    m_size->clear();
    m_version->clear();

    const QString message = response.failureMessage.isEmpty()
                                ? QStringLiteral("No HTTP response arrived.")
                                : response.failureMessage;
    QStringList parts = {message};

    // The network layer's message already lists every certificate problem and the server's
    // certificate; each fact is said once, so only what it leaves out is added.
    QStringList unlisted;
    for (const TlsProblem &problem : response.tlsProblems) {
        if (!message.contains(problem.message))
            unlisted << QStringLiteral("  • %1").arg(problem.message);
    }
    if (!unlisted.isEmpty())
        parts << QStringLiteral("Certificate problems:\n%1").arg(unlisted.join(u'\n'));
    for (qsizetype i = 0; i < response.certificateChain.size(); ++i) {
        const QString certificate = response.certificateChain.at(i).describe();
        if (message.contains(certificate))
            continue;
        parts << QStringLiteral("Certificate %1 of %2:\n%3")
                     .arg(i + 1)
                     .arg(response.certificateChain.size())
                     .arg(certificate);
    }
    if (response.failure == FailureKind::Tls && !response.tlsProblems.isEmpty()) {
        parts << QStringLiteral("In Ferry: Request ▸ Trust a CA Certificate… trusts a certificate "
                                "authority for this session; unchecking Request ▸ Verify TLS "
                                "Certificates turns verification off.");
    }

    const QString cause =
        response.failure == FailureKind::Tls ? tlsHeadline(response.tlsProblems) : QString();
    m_failureTitle->setText(cause.isEmpty() ? failureTitle(response.failure) : cause);
    m_failureTitle->setStyleSheet(
        QStringLiteral("font-size: 14pt; font-weight: 600; color: %1;")
            .arg(canceled ? statusColor(QString()) : statusColor(QStringLiteral("failure"))));
    m_failureDetails->setPlainText(parts.join(QStringLiteral("\n\n")));
    m_pages->setCurrentIndex(FailurePage);
    m_bodyBytes.clear();
}

void ResponseView::setStatusText(const QString &text, const QString &statusClass)
{
    m_status->setText(text);
    m_status->setProperty("statusClass", statusClass);
    m_status->setStyleSheet(
        QStringLiteral("QLabel { color: %1; font-weight: 700; }").arg(statusColor(statusClass)));
}

QString ResponseView::formatSize(qint64 bytes)
{
    if (bytes == 1)
        return QStringLiteral("1 byte");
    if (bytes < 1024)
        return QStringLiteral("%1 bytes").arg(bytes);

    const char *const units[] = {"KB", "MB", "GB", "TB"};
    double value = double(bytes) / 1024.0;
    int unit = 0;
    while (value >= 1024.0 && unit < 3) {
        value /= 1024.0;
        ++unit;
    }
    return QStringLiteral("%1 %2").arg(value, 0, 'f', 1).arg(QLatin1StringView(units[unit]));
}

QString ResponseView::formatDuration(qint64 milliseconds)
{
    if (milliseconds < 1000)
        return QStringLiteral("%1 ms").arg(milliseconds);
    return QStringLiteral("%1 s").arg(double(milliseconds) / 1000.0, 0, 'f', 2);
}

} // namespace ferry
