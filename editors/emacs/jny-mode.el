;;; jny-mode.el --- Major mode for jny journey maps  -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "26.1"))
;; Keywords: languages
;; URL: https://example.invalid/jny

;;; Commentary:

;; A major mode for `.jny' files: syntax table (// and /* */ comments, strings), font-lock
;; (declarations and their ids, attributes, clauses, keywords, values, calls of built-in
;; functions, numbers, percents, dates, durations, escapes and {…} interpolation), indentation
;; (two spaces per open brace, bracket or parenthesis), comment commands, a `compilation-mode'
;; regexp for `jny check' output, a Flymake backend that runs `jny check -' on the buffer, and
;; `jny-format-buffer' (`jny fmt -').  The word lists are checked against the language's own
;; tables by editors/test/words.sh.

;;; Code:

(require 'compile)
(require 'flymake)

(defgroup jny nil
  "Journey maps as code."
  :group 'languages
  :prefix "jny-")

(defcustom jny-program "jny"
  "The jny executable."
  :type 'string)

(defcustom jny-indent-offset 2
  "Columns of indentation per open brace, bracket or parenthesis."
  :type 'integer
  :safe #'integerp)

(defface jny-escape-face '((t :inherit font-lock-builtin-face))
  "Face of escapes in strings (\\n, \\\" and \\u{…}).")

(defface jny-interpolation-face '((t :inherit font-lock-variable-name-face))
  "Face of {…} interpolation in strings.")

;;;; The words of the language (checked by editors/test/words.sh)

(defconst jny-decl-words
  '("channel" "check" "data" "flow" "journey" "kpi" "let" "opportunity" "outcome" "persona"
    "query" "stage" "team" "touchpoint" "use")
  "Declaration keywords: the first word of a top-level statement.")

(defconst jny-clause-words
  '("assert" "group" "limit" "measure" "meta" "metric" "order" "select" "target")
  "Clause keywords: the first word of a line inside a block.")

(defconst jny-reserved-words
  '("all" "and" "any" "as" "asc" "desc" "false" "for" "from" "in" "none" "not" "or" "true"
    "where")
  "Reserved words, keywords everywhere.")

(defconst jny-attr-words
  '("action" "actual" "backstage" "baseline" "behavior" "channel" "channels" "contact" "date"
    "delight" "delimiter" "description" "due" "duration" "effort" "emotion" "evidence"
    "expectation" "fixes" "frustration" "goal" "impact" "kind" "label" "lead" "message"
    "motivation" "need" "note" "owner" "pain" "persona" "quote" "rate" "scope" "segment"
    "severity" "share" "stage" "state" "status" "support" "tag" "thought" "touchpoint" "unit"
    "version" "volume")
  "Attribute words inside blocks (and the modifiers of `->' edges).")

(defconst jny-value-words
  '("current" "digital" "doing" "done" "dropped" "error" "failure" "future" "high" "human"
    "idea" "info" "low" "medium" "physical" "planned" "success" "warning")
  "Words attributes take as values, and an outcome's success or failure.")

(defconst jny-collection-words
  '("channels" "delights" "flows" "kpis" "opportunities" "outcomes" "pains" "personas"
    "stages" "teams" "touchpoints")
  "The built-in collections of expressions.")

(defconst jny-function-words
  '("avg" "ces" "contains" "count" "csat" "happiness" "len" "lower" "max" "median" "min" "nps"
    "paths" "percentile" "reach" "reachable" "startswith" "sum" "today" "upper")
  "The built-in functions, highlighted where called.")

;;;; Syntax

(defvar jny-mode-syntax-table
  (let ((st (make-syntax-table)))
    (modify-syntax-entry ?/ ". 124b" st)
    (modify-syntax-entry ?* ". 23" st)
    (modify-syntax-entry ?\n "> b" st)
    (modify-syntax-entry ?\" "\"" st)
    (modify-syntax-entry ?\\ "\\" st)
    (modify-syntax-entry ?_ "_" st)
    (modify-syntax-entry ?% "." st)
    (modify-syntax-entry ?- "." st)
    (modify-syntax-entry ?> "." st)
    (modify-syntax-entry ?< "." st)
    (modify-syntax-entry ?= "." st)
    (modify-syntax-entry ?: "." st)
    st)
  "Syntax table of `jny-mode'.")

(defun jny--depth (&optional pos)
  "Bracket depth at POS (point by default)."
  (car (syntax-ppss pos)))

(defun jny--in-code-p (pos)
  "True when POS is neither in a string nor in a comment."
  (let ((ppss (syntax-ppss pos)))
    (not (or (nth 3 ppss) (nth 4 ppss)))))

(defun jny--in-string-p (pos)
  "True when POS is in a string."
  (nth 3 (syntax-ppss pos)))

(defun jny--matcher (regexp predicate)
  "A font-lock matcher: the next match of REGEXP whose start satisfies PREDICATE."
  (lambda (limit)
    (let (found)
      (while (and (not found) (re-search-forward regexp limit t))
        (when (save-excursion (save-match-data (funcall predicate (match-beginning 0))))
          (setq found t)))
      found)))

(defun jny--top-level-p (pos)
  "True when POS is code outside every block."
  (and (jny--in-code-p pos) (= 0 (jny--depth pos))))

(defun jny--in-block-p (pos)
  "True when POS is code inside a block or brackets."
  (and (jny--in-code-p pos) (> (jny--depth pos) 0)))

(defun jny--call-p (pos)
  "True when POS is code not after a dot: `t.reach' is a field, not the function."
  (and (jny--in-code-p pos) (not (eq (char-before pos) ?.))))

(defconst jny--number-re "\\_<[0-9][0-9_]*\\(?:\\.[0-9][0-9_]*\\)?")

(defvar jny-font-lock-keywords
  `((,(jny--matcher (concat "^[ \t]*\\(\\_<" (regexp-opt jny-decl-words)
                            "\\_>\\)\\(?:[ \t]+\\(\\_<[[:alpha:]_][[:alnum:]_]*\\_>\\)\\)?")
                    #'jny--top-level-p)
     (1 font-lock-keyword-face) (2 font-lock-function-name-face nil t))
    (,(jny--matcher (concat "^[ \t]*" (regexp-opt jny-clause-words 'symbols)) #'jny--in-block-p)
     (1 font-lock-keyword-face))
    (,(jny--matcher (regexp-opt jny-attr-words 'symbols) #'jny--in-block-p)
     . font-lock-variable-name-face)
    (,(regexp-opt '("true" "false" "none") 'symbols) . font-lock-constant-face)
    (,(regexp-opt jny-reserved-words 'symbols) . font-lock-keyword-face)
    (,(regexp-opt jny-value-words 'symbols) . font-lock-constant-face)
    (,(regexp-opt jny-collection-words 'symbols) . font-lock-type-face)
    (,(jny--matcher (concat (regexp-opt jny-function-words 'symbols) "[ \t]*(") #'jny--call-p)
     (1 font-lock-builtin-face))
    ("\\_<[0-9]\\{4\\}-[0-9][0-9]-[0-9][0-9]\\_>" . font-lock-constant-face)
    (,(concat jny--number-re "\\(?:%\\|\\(?:s\\|min\\|h\\|d\\|w\\)\\_>\\)")
     . font-lock-constant-face)
    (,(concat jny--number-re "\\_>") . font-lock-constant-face)
    ("->" . font-lock-builtin-face)
    (,(jny--matcher "\\\\\\(?:[\"\\\\nrt{}]\\|u{[[:xdigit:]]+}\\)" #'jny--in-string-p)
     (0 'jny-escape-face prepend))
    (,(jny--matcher "{[^}\"\n]*}" (lambda (pos)
                                    (and (jny--in-string-p pos)
                                         (not (eq (char-before pos) ?\\)))))
     (0 'jny-interpolation-face prepend)))
  "Font-lock keywords of `jny-mode'.")

;;;; Indentation

(defun jny-indent-line ()
  "Indent the current line: `jny-indent-offset' per open bracket.
A line that begins inside a string or a comment is left as it is."
  (interactive)
  (let* ((bol (line-beginning-position))
         (ppss (save-excursion (syntax-ppss bol)))
         (offset (- (current-column) (current-indentation))))
    (unless (or (nth 3 ppss) (nth 4 ppss))
      (let ((depth (car ppss)))
        (save-excursion
          (back-to-indentation)
          (when (looking-at "[])}]") (setq depth (1- depth))))
        (indent-line-to (* jny-indent-offset (max depth 0)))
        (when (> offset 0) (forward-char offset))))))

;;;; jny check: compilation and Flymake

(defconst jny-compilation-regexp
  '("^\\([^ \t\n:][^\t\n:]*\\):\\([0-9]+\\):\\([0-9]+\\): \\(?:error\\|\\(warning\\)\\|\\(note\\|info\\)\\)\\(?:\\[[A-Z0-9]+\\]\\)?: "
    1 2 3 (4 . 5))
  "How `compilation-mode' reads a `jny check' diagnostic line.")

(with-eval-after-load 'compile
  (add-to-list 'compilation-error-regexp-alist-alist (cons 'jny jny-compilation-regexp))
  (add-to-list 'compilation-error-regexp-alist 'jny))

(defconst jny--diag-re
  "^<stdin>:\\([0-9]+\\):\\([0-9]+\\): \\(error\\|warning\\|info\\)\\(?:\\[\\([A-Z0-9]+\\)\\]\\)?: \\(.*\\)$"
  "A diagnostic of `jny check -' about the buffer.")

(defun jny--parse-diagnostics (source output)
  "Flymake diagnostics for buffer SOURCE from the text OUTPUT of `jny check -'."
  (let (diags)
    (with-temp-buffer
      (insert output)
      (goto-char (point-min))
      (while (re-search-forward jny--diag-re nil t)
        (let* ((line (string-to-number (match-string 1)))
               (col (string-to-number (match-string 2)))
               (sev (match-string 3))
               (code (match-string 4))
               (text (if code (format "%s [%s]" (match-string 5) code) (match-string 5)))
               (region (flymake-diag-region source line col)))
          (when region
            (push (flymake-make-diagnostic
                   source (car region) (cdr region)
                   (cond ((equal sev "error") :error)
                         ((equal sev "warning") :warning)
                         (t :note))
                   text)
                  diags)))))
    (nreverse diags)))

(defvar-local jny--flymake-process nil)

(defun jny-flymake (report-fn &rest _args)
  "Flymake backend: `jny check -' on the buffer's text, reported to REPORT-FN."
  (unless (executable-find jny-program)
    (error "Cannot find %s" jny-program))
  (when (process-live-p jny--flymake-process)
    (kill-process jny--flymake-process))
  (let ((source (current-buffer)))
    (save-restriction
      (widen)
      (setq jny--flymake-process
            (make-process
             :name "jny-flymake" :noquery t :connection-type 'pipe
             :buffer (generate-new-buffer " *jny-flymake*")
             :command (list jny-program "check" "--color" "never" "-")
             :sentinel
             (lambda (proc _event)
               (when (memq (process-status proc) '(exit signal))
                 (unwind-protect
                     (if (with-current-buffer source (eq proc jny--flymake-process))
                         (funcall report-fn
                                  (jny--parse-diagnostics
                                   source (with-current-buffer (process-buffer proc)
                                            (buffer-string))))
                       (flymake-log :warning "Canceling obsolete check %s" proc))
                   (kill-buffer (process-buffer proc)))))))
      (process-send-region jny--flymake-process (point-min) (point-max))
      (process-send-eof jny--flymake-process))))

;;;; jny fmt

(defun jny-format-buffer ()
  "Format the buffer with `jny fmt -'.
On a syntax error the buffer is left as it is and the errors are shown."
  (interactive)
  (let ((source (current-buffer))
        (out (generate-new-buffer " *jny-fmt*"))
        (errfile (make-temp-file "jny-fmt")))
    (unwind-protect
        (let ((status (save-restriction
                        (widen)
                        (call-process-region (point-min) (point-max) jny-program nil
                                             (list out errfile) nil "fmt" "-"))))
          (if (eq status 0)
              (unless (with-current-buffer out
                        (= 0 (compare-buffer-substrings source nil nil out nil nil)))
                (save-restriction
                  (widen)
                  (replace-buffer-contents out))
                (message "Formatted with jny fmt"))
            (with-current-buffer (get-buffer-create "*jny fmt*")
              (let ((inhibit-read-only t))
                (erase-buffer)
                (insert-file-contents errfile))
              (special-mode))
            (message "jny fmt: not formatted (see *jny fmt*)")))
      (kill-buffer out)
      (delete-file errfile))))

;;;; The mode

(defvar jny-mode-map
  (let ((map (make-sparse-keymap)))
    (define-key map (kbd "C-c C-f") #'jny-format-buffer)
    map)
  "Keymap of `jny-mode'.")

;;;###autoload
(define-derived-mode jny-mode prog-mode "jny"
  "Major mode for jny journey files.
\\{jny-mode-map}"
  :syntax-table jny-mode-syntax-table
  (setq-local comment-start "// ")
  (setq-local comment-end "")
  (setq-local comment-start-skip "\\(?://+\\|/\\*+\\)\\s-*")
  (setq-local font-lock-defaults '(jny-font-lock-keywords))
  (setq-local indent-line-function #'jny-indent-line)
  (setq-local indent-tabs-mode nil)
  (setq-local electric-indent-chars (append "{}()[]" electric-indent-chars))
  (setq-local compile-command
              (concat jny-program " check --color never "
                      (if buffer-file-name (shell-quote-argument buffer-file-name) "")))
  (add-hook 'flymake-diagnostic-functions #'jny-flymake nil t))

;;;###autoload
(add-to-list 'auto-mode-alist '("\\.jny\\'" . jny-mode))

(provide 'jny-mode)
;;; jny-mode.el ends here
