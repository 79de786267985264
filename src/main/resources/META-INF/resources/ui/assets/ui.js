// Dunwell's web UI: a little plain JavaScript, none of it needed for the pages to work.
// A form asks first when it says so (data-confirm), and its button is disabled once sent, so a double click posts once.
document.addEventListener("submit", function (event) {
  var form = event.target;
  var question = form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
    return;
  }
  var buttons = form.querySelectorAll("button[type=submit]");
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].disabled = true;
  }
});
// "Go back" on the error page goes to the page before when there is one.
document.addEventListener("click", function (event) {
  var link = event.target.closest ? event.target.closest("[data-back]") : null;
  if (link && window.history.length > 1) {
    event.preventDefault();
    window.history.back();
  }
});
