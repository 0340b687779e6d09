/* Behaviour every page shares, in a static file so the Content-Security-Policy needs no inline script:
   <select data-autosubmit> submits its form when changed; <a data-back> goes back a page. */
document.addEventListener("change", function (event) {
  if (event.target.matches("select[data-autosubmit]")) event.target.form.submit();
});
document.addEventListener("click", function (event) {
  const link = event.target.closest("a[data-back]");
  if (link && window.history.length > 1) {
    event.preventDefault();
    window.history.back();
  }
});
