;;; jny-mode-tests.el --- ERT tests of jny-mode  -*- lexical-binding: t; -*-

;;; Commentary:

;; Run in batch from the repository root with `jny' on PATH (make editors-test):
;;   emacs -Q --batch -L editors/emacs -l ert -l editors/emacs/test/jny-mode-tests.el \
;;     -f ert-run-tests-batch-and-exit
;; Faces at chosen places of editors/test/sample.jny, indentation, comment commands, the
;; compilation regexp and the Flymake backend on real `jny check' runs over
;; editors/test/errors.jny, and `jny-format-buffer' against tests/fmt/messy.out.

;;; Code:

(require 'ert)
(require 'jny-mode)

(defconst jny-test-root
  (expand-file-name "../../.." (file-name-directory (or load-file-name buffer-file-name)))
  "The repository root.")

(defun jny-test-file (rel)
  "The absolute name of REL in the repository."
  (expand-file-name rel jny-test-root))

(defmacro jny-test-with-file (rel &rest body)
  "Run BODY in a `jny-mode' buffer holding the file REL, fontified."
  (declare (indent 1))
  `(with-temp-buffer
     (insert-file-contents (jny-test-file ,rel))
     (jny-mode)
     (font-lock-ensure)
     ,@body))

(defun jny-test-face-at (line text &optional nth)
  "The face at the NTH (1 by default) occurrence of TEXT on LINE."
  (goto-char (point-min))
  (forward-line (1- line))
  (let ((bound (line-end-position)))
    (dotimes (_ (or nth 1))
      (unless (search-forward text bound t)
        (error "No %S on line %d" text line)))
    (get-text-property (match-beginning 0) 'face)))

(defun jny-test-has-face (face got)
  "True when GOT (a face or a list of faces) includes FACE."
  (if (listp got) (memq face got) (eq face got)))

(ert-deftest jny-auto-mode ()
  (with-current-buffer (find-file-noselect (jny-test-file "editors/test/sample.jny"))
    (unwind-protect (should (eq major-mode 'jny-mode))
      (kill-buffer))))

(ert-deftest jny-faces ()
  (jny-test-with-file "editors/test/sample.jny"
    (dolist (c '((1 "//" font-lock-comment-delimiter-face)
                 (1 "TODO" font-lock-comment-face)
                 (2 "journey" font-lock-keyword-face)
                 (2 "Sample" font-lock-string-face)
                 (2 "\\\"" jny-escape-face)
                 (3 "description" font-lock-variable-name-face)
                 (4 "Two" font-lock-string-face)
                 (6 "current" font-lock-constant-face)
                 (9 "use" font-lock-keyword-face)
                 (11 "stage" font-lock-keyword-face)
                 (11 "buy" font-lock-function-name-face)
                 (13 "cart" font-lock-function-name-face)
                 (14 "stage" font-lock-variable-name-face)
                 (16 "2" font-lock-constant-face)
                 (17 "->" font-lock-builtin-face)
                 (17 "rate" font-lock-variable-name-face)
                 (17 "55%" font-lock-constant-face)
                 (18 "meta" font-lock-keyword-face)
                 (18 "2027-01-31" font-lock-constant-face)
                 (20 "comment" font-lock-comment-face)
                 (23 "success" font-lock-constant-face)
                 (26 "measure" font-lock-keyword-face)
                 (28 "90s" font-lock-constant-face)
                 (26 "reach" font-lock-builtin-face)
                 (32 "for" font-lock-keyword-face)
                 (32 "touchpoints" font-lock-type-face)
                 (32 "false" font-lock-constant-face)
                 (34 "message" font-lock-variable-name-face)
                 (34 "{t.name}" jny-interpolation-face)
                 (34 "\\n" jny-escape-face)))
      (let ((got (jny-test-face-at (nth 0 c) (nth 1 c))))
        (unless (jny-test-has-face (nth 2 c) got)
          (ert-fail (list :line (nth 0 c) :text (nth 1 c) :want (nth 2 c) :got got)))))
    ;; a declaration word inside a block is an attribute, and no face on a plain id
    (should (eq (jny-test-face-at 14 "buy") nil))))

(ert-deftest jny-function-calls ()
  ;; built-in functions where called, in a block or not; a field of the same name (after a dot,
  ;; called or not), a plain name and another call are not
  (with-temp-buffer
    (insert "let r = reach(cart) + count (touchpoints) + foo(1)\n"
            "check c \"C\" {\n"
            "  for t in touchpoints where t.reach > 0 and len(t.paths) > t.reach(1)\n"
            "}\n"
            "let reach_n = reach\n")
    (jny-mode)
    (font-lock-ensure)
    (should (eq (jny-test-face-at 1 "reach") 'font-lock-builtin-face))
    (should (eq (jny-test-face-at 1 "count") 'font-lock-builtin-face))
    (should (eq (jny-test-face-at 1 "foo") nil))
    (should (eq (jny-test-face-at 3 "len") 'font-lock-builtin-face))
    (should (eq (jny-test-face-at 3 "reach" 1) nil))
    (should (eq (jny-test-face-at 3 "paths") nil))
    (should (eq (jny-test-face-at 3 "reach" 2) nil))
    (should (eq (jny-test-face-at 5 "reach" 2) nil))))

(ert-deftest jny-indentation ()
  (jny-test-with-file "editors/test/sample.jny"
    (let ((want (buffer-string)))
      ;; remove the indentation of every line but those inside the """ string and the comment
      (goto-char (point-min))
      (while (not (eobp))
        (let ((ppss (syntax-ppss (line-beginning-position))))
          (unless (or (nth 3 ppss) (nth 4 ppss))
            (delete-horizontal-space)))
        (forward-line 1))
      (should-not (equal (buffer-string) want))
      (indent-region (point-min) (point-max))
      (should (equal (buffer-string) want)))))

(ert-deftest jny-indent-brackets ()
  (with-temp-buffer
    (jny-mode)
    (insert "query q \"Q\" {\nselect a,\nb\norder count(\nx)\n}\n")
    (indent-region (point-min) (point-max))
    (should (equal (buffer-string)
                   "query q \"Q\" {\n  select a,\n  b\n  order count(\n    x)\n}\n"))))

(ert-deftest jny-comment-commands ()
  (with-temp-buffer
    (jny-mode)
    (insert "stage a \"A\"\nstage b \"B\"\n")
    (comment-region (point-min) (point-max))
    (should (equal (buffer-string) "// stage a \"A\"\n// stage b \"B\"\n"))
    (uncomment-region (point-min) (point-max))
    (should (equal (buffer-string) "stage a \"A\"\nstage b \"B\"\n"))))

(defun jny-test-compilation-messages (output)
  "The (FILE LINE COL TYPE) of each message `compilation-mode' finds in OUTPUT."
  (with-temp-buffer
    (insert output)
    (compilation-mode)
    (let ((inhibit-read-only t)) (compilation--ensure-parse (point-max)))
    (let ((pos (point-min)) found)
      (while pos
        (let ((msg (get-text-property pos 'compilation-message)))
          (when msg
            (let ((loc (compilation--message->loc msg)))
              (push (list (caar (compilation--loc->file-struct loc))
                          (compilation--loc->line loc)
                          (compilation--loc->col loc)
                          (compilation--message->type msg))
                    found))))
        (setq pos (next-single-property-change pos 'compilation-message)))
      (nreverse found))))

(ert-deftest jny-compilation-regexp ()
  (let* ((default-directory (jny-test-file "editors/test/"))
         (output (with-output-to-string
                   (with-current-buffer standard-output
                     (call-process jny-program nil t nil "check" "--color" "never"
                                   "errors.jny")))))
    ;; columns: compilation-mode counts from `compilation-first-column' (1), as jny does
    (should (equal (jny-test-compilation-messages output)
                   '(("errors.jny" 5 9 2) ("errors.jny" 6 11 2) ("errors.jny" 9 7 2)
                     ("errors.jny" 2 7 0))))
    (should (equal (jny-test-compilation-messages
                    "x.jny:3:1: warning[E0603]: too large\ny.jny:4:2: error: no code\n")
                   '(("x.jny" 3 1 1) ("y.jny" 4 2 2))))))

(ert-deftest jny-flymake-end-to-end ()
  (with-temp-buffer
    (insert-file-contents (jny-test-file "editors/test/errors.jny"))
    (jny-mode)
    (setq-local flymake-diagnostic-functions '(jny-flymake))
    (flymake-mode 1)
    (flymake-start)
    (let ((deadline (+ (float-time) 20)))
      (while (and (null (flymake-diagnostics)) (< (float-time) deadline))
        (accept-process-output nil 0.05)))
    (let ((got (mapcar (lambda (d)
                         (save-excursion
                           (goto-char (flymake-diagnostic-beg d))
                           (list (line-number-at-pos) (1+ (current-column))
                                 (flymake-diagnostic-type d)
                                 (flymake-diagnostic-text d))))
                       (flymake-diagnostics))))
      (should (equal (sort got (lambda (a b) (< (car a) (car b))))
                     '((5 9 :error "unknown stage 'purchse' [E0203]")
                       (6 11 :error "emotion 9 is out of range: it must be from -3 to 3 [E0303]")
                       (9 7 :error "duplicate id 'buy': already declared as a stage [E0201]")))))
    (flymake-mode -1)))

(ert-deftest jny-format-buffer-formats ()
  (with-temp-buffer
    (insert-file-contents (jny-test-file "tests/fmt/messy.jny"))
    (jny-mode)
    (jny-format-buffer)
    (should (equal (buffer-string)
                   (with-temp-buffer
                     (insert-file-contents (jny-test-file "tests/fmt/messy.out"))
                     (buffer-string))))))

(ert-deftest jny-format-buffer-keeps-syntax-errors ()
  (with-temp-buffer
    (insert "stage a \"A\"\nteam @ x\n")
    (jny-mode)
    (jny-format-buffer)
    (should (equal (buffer-string) "stage a \"A\"\nteam @ x\n"))
    (should (string-match-p "<stdin>:2:6: error\\[E0102\\]"
                            (with-current-buffer "*jny fmt*" (buffer-string))))))

(provide 'jny-mode-tests)
;;; jny-mode-tests.el ends here
