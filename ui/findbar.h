#pragma once

#include <QList>
#include <QPair>
#include <QPointer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QToolButton;
class QsciScintilla;

namespace ferry {

// A bar that finds text in a read-only code view: a field, "Aa" for matching case, ".*" for a
// regular expression, "3 of 17", and buttons for the next and previous match. Enter finds the
// next match, Shift+Enter the previous one, Esc closes the bar. Every match is marked in the
// view; counting stops at a limit so a huge body never holds the window up.
class FindBar final : public QWidget {
    Q_OBJECT

public:
    explicit FindBar(QsciScintilla *view, QWidget *parent = nullptr);

    // Shows the bar and puts the cursor in its field, the text there selected.
    void open();
    // Hides the bar, removes the marks and gives the focus back to the view.
    void dismiss();

    // The text of the view changed: find again, from its start.
    void refresh();

    int matchCount() const { return int(m_matches.size()); }
    // 1-based; 0 when nothing is selected.
    int currentMatch() const { return m_current + 1; }

    void findNext();
    void findPrevious();

    // Counting stops here; the bar then says "of 10000+".
    static constexpr int kMaxMatches = 10000;

Q_SIGNALS:
    void closed();

protected:
    bool event(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void search();
    void select(int index);
    void showCount();
    void clearMarks();

    QPointer<QsciScintilla> m_view;
    QLineEdit *m_field = nullptr;
    QToolButton *m_matchCase = nullptr;
    QToolButton *m_regex = nullptr;
    QLabel *m_count = nullptr;
    QToolButton *m_previous = nullptr;
    QToolButton *m_next = nullptr;
    QToolButton *m_close = nullptr;
    // Start and end of each match, in the view's byte positions.
    QList<QPair<long, long>> m_matches;
    int m_current = -1;
    bool m_invalidPattern = false;
};

} // namespace ferry
