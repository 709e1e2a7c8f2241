#include "ui/findbar.h"

#include "ui/toolbutton.h"

#include <Qsci/qsciscintilla.h>

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>

namespace ferry {

namespace {

// Below the indicator the response view uses for a JSON error.
constexpr int kMatchIndicator = 9;
// The match that is selected: while the focus is in the field, the view draws its selection
// faintly, so this one stands out from the others.
constexpr int kCurrentIndicator = 10;
constexpr long kRegexWarning = 1001;

bool isEscape(const QKeyEvent *key)
{
    return key->key() == Qt::Key_Escape && key->modifiers() == Qt::NoModifier;
}

bool isEnter(const QKeyEvent *key)
{
    return (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)
           && (key->modifiers() & ~(Qt::ShiftModifier | Qt::KeypadModifier)) == 0;
}

} // namespace

FindBar::FindBar(QsciScintilla *view, QWidget *parent)
    : QWidget(parent)
    , m_view(view)
{
    setObjectName(QStringLiteral("findBar"));

    m_field = new QLineEdit(this);
    m_field->setObjectName(QStringLiteral("findField"));
    m_field->setPlaceholderText(QStringLiteral("Find in body"));
    m_field->setClearButtonEnabled(true);
    m_field->installEventFilter(this);

    m_matchCase = makeToolButton(QStringLiteral("findCaseButton"), QStringLiteral("Aa"),
                                 QStringLiteral("Match case"), this);
    m_matchCase->setCheckable(true);
    m_regex = makeToolButton(QStringLiteral("findRegexButton"), QStringLiteral(".*"),
                             QStringLiteral("Regular expression (ECMAScript syntax)"), this);
    m_regex->setCheckable(true);

    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("findCountLabel"));
    m_count->setMinimumWidth(
        m_count->fontMetrics().horizontalAdvance(QStringLiteral("00000 of 10000+")));

    m_previous = makeToolButton(QStringLiteral("findPreviousButton"), QStringLiteral("↑"),
                                QStringLiteral("Previous match (Shift+Enter)"), this);
    m_next = makeToolButton(QStringLiteral("findNextButton"), QStringLiteral("↓"),
                            QStringLiteral("Next match (Enter)"), this);
    m_close = makeToolButton(QStringLiteral("findCloseButton"), QStringLiteral("✕"),
                             QStringLiteral("Close (Esc)"), this);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->setSpacing(2);
    layout->addWidget(m_field, 1);
    layout->addWidget(m_matchCase);
    layout->addWidget(m_regex);
    layout->addSpacing(6);
    layout->addWidget(m_count);
    layout->addWidget(m_previous);
    layout->addWidget(m_next);
    layout->addWidget(m_close);

    if (m_view) {
        m_view->indicatorDefine(QsciScintilla::StraightBoxIndicator, kMatchIndicator);
        m_view->setIndicatorForegroundColor(QColor(0xff, 0xc1, 0x07, 110), kMatchIndicator);
        m_view->setIndicatorDrawUnder(true, kMatchIndicator);
        m_view->indicatorDefine(QsciScintilla::FullBoxIndicator, kCurrentIndicator);
        m_view->setIndicatorForegroundColor(QColor(0xff, 0x8f, 0x00, 200), kCurrentIndicator);
        m_view->setIndicatorOutlineColor(QColor(0xe6, 0x51, 0x00), kCurrentIndicator);
        m_view->setIndicatorDrawUnder(true, kCurrentIndicator);
    }

    connect(m_field, &QLineEdit::textChanged, this, &FindBar::search);
    connect(m_matchCase, &QToolButton::toggled, this, &FindBar::search);
    connect(m_regex, &QToolButton::toggled, this, &FindBar::search);
    connect(m_next, &QToolButton::clicked, this, &FindBar::findNext);
    connect(m_previous, &QToolButton::clicked, this, &FindBar::findPrevious);
    connect(m_close, &QToolButton::clicked, this, &FindBar::dismiss);

    showCount();
    hide();
}

void FindBar::open()
{
    const bool wasHidden = isHidden();
    show();
    m_field->setFocus(Qt::ShortcutFocusReason);
    m_field->selectAll();
    if (wasHidden)
        search();
}

void FindBar::dismiss()
{
    clearMarks();
    m_matches.clear();
    m_current = -1;
    hide();
    if (m_view)
        m_view->setFocus(Qt::OtherFocusReason);
    emit closed();
}

void FindBar::refresh()
{
    m_current = -1;
    if (isHidden()) {
        m_matches.clear();
        return;
    }
    search();
}

bool FindBar::event(QEvent *event)
{
    // Esc belongs to the bar while the focus is in it: the window's Esc (cancel the request)
    // must not fire, and the key press comes here to close the bar instead.
    if (event->type() == QEvent::ShortcutOverride && isEscape(static_cast<QKeyEvent *>(event))) {
        event->accept();
        return true;
    }
    if (event->type() == QEvent::KeyPress && isEscape(static_cast<QKeyEvent *>(event))) {
        dismiss();
        return true;
    }
    return QWidget::event(event);
}

bool FindBar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_field && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (isEnter(key)) {
            if (key->modifiers() & Qt::ShiftModifier)
                findPrevious();
            else
                findNext();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void FindBar::search()
{
    // Typing on keeps the match that was found so far, if it still matches.
    long from = 0;
    if (m_current >= 0)
        from = m_matches.at(m_current).first;
    else if (m_view)
        from = m_view->SendScintilla(QsciScintilla::SCI_GETSELECTIONSTART);
    clearMarks();
    m_matches.clear();
    m_current = -1;
    m_invalidPattern = false;
    const QByteArray pattern = m_field->text().toUtf8();
    if (!m_view || pattern.isEmpty()) {
        showCount();
        return;
    }

    int flags = m_matchCase->isChecked() ? QsciScintilla::SCFIND_MATCHCASE : 0;
    if (m_regex->isChecked())
        flags |= QsciScintilla::SCFIND_REGEXP | QsciScintilla::SCFIND_CXX11REGEX;
    m_view->SendScintilla(QsciScintilla::SCI_SETSEARCHFLAGS, flags);

    // Scintilla searches its own buffer, so no copy of a large body is made to count matches.
    const long end = m_view->SendScintilla(QsciScintilla::SCI_GETLENGTH);
    long start = 0;
    while (start < end && m_matches.size() < kMaxMatches) {
        m_view->SendScintilla(QsciScintilla::SCI_SETTARGETRANGE, start, end);
        const long found =
            m_view->SendScintilla(QsciScintilla::SCI_SEARCHINTARGET,
                                  static_cast<unsigned long>(pattern.size()), pattern.constData());
        // A pattern std::regex refuses leaves a warning status (SC_STATUS_WARN_REGEX, 1001;
        // not in QScintilla's headers); some Scintilla versions answer -2 instead.
        if (found == -2 || m_view->SendScintilla(QsciScintilla::SCI_GETSTATUS) == kRegexWarning) {
            m_view->SendScintilla(QsciScintilla::SCI_SETSTATUS, 0UL);
            m_invalidPattern = true;
            break;
        }
        if (found < 0)
            break;
        const long matchEnd = m_view->SendScintilla(QsciScintilla::SCI_GETTARGETEND);
        // An empty match (a regular expression such as "x*") marks nothing; step past it.
        if (matchEnd > found)
            m_matches.append({found, matchEnd});
        const long next = matchEnd > found
                              ? matchEnd
                              : m_view->SendScintilla(QsciScintilla::SCI_POSITIONAFTER, found);
        if (next <= start)
            break;
        start = next;
    }

    m_view->SendScintilla(QsciScintilla::SCI_SETINDICATORCURRENT, kMatchIndicator);
    for (const auto &match : std::as_const(m_matches))
        m_view->SendScintilla(QsciScintilla::SCI_INDICATORFILLRANGE, match.first,
                              match.second - match.first);

    int first = 0;
    while (first < m_matches.size() && m_matches.at(first).first < from)
        ++first;
    if (!m_matches.isEmpty())
        select(first < m_matches.size() ? first : 0);
    showCount();
}

void FindBar::findNext()
{
    if (m_matches.isEmpty())
        return;
    select(m_current + 1 < m_matches.size() ? m_current + 1 : 0);
    showCount();
}

void FindBar::findPrevious()
{
    if (m_matches.isEmpty())
        return;
    select(m_current > 0 ? m_current - 1 : int(m_matches.size()) - 1);
    showCount();
}

void FindBar::select(int index)
{
    m_current = index;
    const auto [start, end] = m_matches.at(index);
    // Selecting scrolls the match into view without taking the focus from the field.
    m_view->SendScintilla(QsciScintilla::SCI_SETSEL, start, end);
    const long length = m_view->SendScintilla(QsciScintilla::SCI_GETLENGTH);
    m_view->SendScintilla(QsciScintilla::SCI_SETINDICATORCURRENT, kCurrentIndicator);
    m_view->SendScintilla(QsciScintilla::SCI_INDICATORCLEARRANGE, 0UL, length);
    m_view->SendScintilla(QsciScintilla::SCI_INDICATORFILLRANGE, start, end - start);
}

void FindBar::showCount()
{
    QString text;
    if (m_invalidPattern)
        text = QStringLiteral("Invalid pattern");
    else if (!m_field->text().isEmpty() && m_matches.isEmpty())
        text = QStringLiteral("No matches");
    else if (!m_matches.isEmpty())
        text = QStringLiteral("%1 of %2%3")
                   .arg(m_current + 1)
                   .arg(m_matches.size())
                   .arg(m_matches.size() >= kMaxMatches ? QStringLiteral("+") : QString());
    m_count->setText(text);
    m_next->setEnabled(!m_matches.isEmpty());
    m_previous->setEnabled(!m_matches.isEmpty());
}

void FindBar::clearMarks()
{
    if (!m_view)
        return;
    const long length = m_view->SendScintilla(QsciScintilla::SCI_GETLENGTH);
    for (const int indicator : {kMatchIndicator, kCurrentIndicator}) {
        m_view->SendScintilla(QsciScintilla::SCI_SETINDICATORCURRENT, indicator);
        m_view->SendScintilla(QsciScintilla::SCI_INDICATORCLEARRANGE, 0UL, length);
    }
}

} // namespace ferry
