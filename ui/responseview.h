#pragma once

#include "core/response.h"

#include <QWidget>

#include <functional>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTabWidget;
class QTableWidget;
class QTextBrowser;
class QTimer;
class QToolButton;
template <typename T> class QFutureWatcher;

namespace ferry {

class CodeView;
class FindBar;
class ResponseDetails;

// The answer to the last request: status, time, size and HTTP version on top, then the body
// and the headers. The body is shown Pretty (formatted JSON), Raw (the text as received), as
// Hex or as a Preview (images, and HTML as rich text that loads nothing from the network); the
// view is picked from the Content-Type and the bytes, and the user can switch. Text is decoded
// by the charset the Content-Type names (UTF-8 when it names none, or one Ferry does not know).
// Pretty JSON can have its object members sorted by key and be narrowed to what a JSONPath
// filter selects. A find bar, line wrapping, copying and saving the exact bytes go with the
// body. A request that got no answer replaces all this with a panel that says why.
class ResponseView final : public QWidget {
    Q_OBJECT

public:
    explicit ResponseView(QWidget *parent = nullptr);
    ~ResponseView() override;

    // The ways to show a body, in the order of the picker.
    enum class BodyView { Pretty, Raw, Hex, Preview };

    // Asks where to save the body and returns the path, or an empty string when the user
    // cancels. The default is a QFileDialog; tests install one that answers at once.
    using SaveFileChooser =
        std::function<QString(QWidget *parent, const QString &title, const QString &suggestedName)>;
    void setSaveFileChooser(SaveFileChooser chooser);

    // Tells the user of a problem (a body that could not be saved). The default is a modal
    // QMessageBox.
    using ProblemPresenter =
        std::function<void(QWidget *parent, const QString &title, const QString &text)>;
    void setProblemPresenter(ProblemPresenter presenter);

    BodyView bodyView() const { return m_view; }
    void setBodyView(BodyView view);
    bool isBodyViewAvailable(BodyView view) const;

    // Sorts the members of every object in Pretty JSON by key. Stays as set for the session.
    void setSortKeys(bool sort);
    bool sortKeys() const { return m_sortKeys; }

    // Shows only what the JSONPath expression selects in Pretty JSON; empty shows everything.
    // The filter stays for later responses, so the same part of each answer can be watched.
    void setJsonPathFilter(const QString &path);

    void openFind();
    void copyBody();
    void saveBody();

    // The hex view shows at most this many bytes of a body.
    static constexpr qsizetype kHexLimit = 1024 * 1024;

    void showSending();
    void showResponse(const Response &response);
    // The request was refused before sending: whatever was shown belonged to another request.
    void showNotSent();
    void clear();

    // Puts the cursor where the JSON body stopped being valid and scrolls it into view.
    void goToError();

    // "512 bytes", "1.5 KB", "3.2 MB": the body size as a person reads it.
    static QString formatSize(qint64 bytes);
    // "85 ms", "1.24 s".
    static QString formatDuration(qint64 milliseconds);

Q_SIGNALS:
    // The body is on screen (formatting large bodies happens off the UI thread).
    void bodyShown();

private:
    struct BodyPresentation;
    // What the user asked of Pretty JSON, copied for formatting off the UI thread.
    struct PrettyOptions {
        bool sortKeys = false;
        QString filter;
    };
    struct BodyKind {
        bool binary = false;
        bool json = false;
        bool html = false;
        bool image = false;
    };
    // Told by a formatting worker between chunks how many bytes of how many it has formatted;
    // answers false when the user no longer wants the result, and formatting stops there.
    using ChunkDone = std::function<bool(qint64 consumed, qint64 total)>;
    static BodyKind classify(const QByteArray &contentType, const QByteArray &body);
    static BodyPresentation present(BodyView view, const QByteArray &contentType,
                                    const QByteArray &body, bool binary,
                                    const PrettyOptions &pretty, const ChunkDone &chunkDone = {});
    static void presentJson(QByteArrayView utf8, bool sortKeys, BodyPresentation &out,
                            const ChunkDone &chunkDone = {});
    void createBodyPage();
    QWidget *createFormattingPage();
    void createJsonTools();
    void applyFilter();
    void updatePicker();
    // extraNote goes above the body with the notes of the presentation itself.
    void renderBody(const QString &extraNote = QString());
    // Stops formatting a large body in the background, if any is under way.
    void stopFormatting();
    // The user would rather see the body as received than wait for it to be formatted.
    void showRawInstead();
    // Shows the body prepared in the background, unless it is no longer wanted.
    void showFormatted();
    void showPreview();
    void setWrap(bool wrap);
    void showStatus(const Response &response);
    void showHeaders(const Response &response);
    void showBody(const BodyPresentation &presentation);
    void showFailure(const Response &response);
    void showPlaceholder(const QString &status, const QString &text);
    long errorPosition() const;
    void setStatusText(const QString &text, const QString &statusClass);

    QLabel *m_status = nullptr;
    QLabel *m_time = nullptr;
    QLabel *m_size = nullptr;
    QLabel *m_version = nullptr;
    QStackedWidget *m_pages = nullptr;
    QLabel *m_placeholder = nullptr;
    QTabWidget *m_tabs = nullptr;
    QWidget *m_noteRow = nullptr;
    QLabel *m_note = nullptr;
    QPushButton *m_goToError = nullptr;
    CodeView *m_body = nullptr;
    QComboBox *m_viewPicker = nullptr;
    QToolButton *m_findButton = nullptr;
    QToolButton *m_wrapButton = nullptr;
    QToolButton *m_copyButton = nullptr;
    QToolButton *m_saveButton = nullptr;
    QToolButton *m_sortKeysButton = nullptr;
    QWidget *m_filterRow = nullptr;
    QLineEdit *m_filter = nullptr;
    QLabel *m_filterError = nullptr;
    QTimer *m_filterDelay = nullptr;
    QAction *m_findAction = nullptr;
    FindBar *m_findBar = nullptr;
    QStackedWidget *m_bodyPages = nullptr;
    // Stands in for the body while a large one is prepared off the UI thread.
    QLabel *m_formatStatus = nullptr;
    QProgressBar *m_formatProgress = nullptr;
    QPushButton *m_cancelFormat = nullptr;
    // Follows the background work for the body, for its progress and to cancel it.
    QFutureWatcher<BodyPresentation> *m_formatWatcher = nullptr;
    // The render the watched work belongs to (0 once its result is shown), and the note to show
    // with that result.
    quint64 m_formatGeneration = 0;
    QString m_formatNote;
    QStackedWidget *m_previewPages = nullptr;
    QLabel *m_previewImage = nullptr;
    QTextBrowser *m_previewHtml = nullptr;
    QWidget *m_bodyPage = nullptr;
    QTableWidget *m_headers = nullptr;
    ResponseDetails *m_details = nullptr;
    QLabel *m_failureTitle = nullptr;
    QPlainTextEdit *m_failureDetails = nullptr;
    // Where the shown JSON body stopped being valid, 0-based; -1 when it is valid.
    int m_errorLine = -1;
    int m_errorIndex = -1;
    // The body as received, kept for the other views and for saving.
    QByteArray m_bodyBytes;
    QByteArray m_contentType;
    BodyKind m_kind;
    BodyView m_view = BodyView::Pretty;
    // Wrapping as the user last set it for a body small enough to wrap.
    bool m_wrapWanted = true;
    bool m_sortKeys = false;
    // The JSONPath filter in force: the text of the filter box when it was last applied.
    QString m_filterPath;
    SaveFileChooser m_chooseSaveFile;
    ProblemPresenter m_presentProblem;
    // Counts responses, so a body formatted for an older response is never shown.
    quint64 m_generation = 0;
};

} // namespace ferry
