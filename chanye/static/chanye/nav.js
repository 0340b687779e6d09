// The navbar's behaviour, without inline script (the site's Content-Security-Policy forbids it):
// a <select data-submit-on-change> (the language switch) submits its form when changed.
document.addEventListener("change", (event) => {
  if (event.target.matches("select[data-submit-on-change]")) event.target.form.submit();
});
