(function () {
  "use strict";
  // Every text shown comes from the page itself (escaped when it was written) or is set
  // with textContent: nothing here builds markup from data.
  var facts = JSON.parse(document.getElementById("facts").textContent);
  var ids = Object.keys(facts.questions);
  var key = facts.storageKey;
  var OTHER_ROLE = "Your role does not usually answer this one; \u201cDon't know\u201d is a fine answer.";
  var store = null;
  try {
    window.localStorage.setItem(key + ":probe", "1");
    window.localStorage.removeItem(key + ":probe");
    store = window.localStorage;
  } catch (e) {
    document.getElementById("no-storage").hidden = false;
  }
  var state = read() || { name: "", role: "", subject: "", period: "", answers: {} };

  function read() {
    if (!store) return null;
    try {
      var saved = JSON.parse(store.getItem(key) || "null");
      return saved && typeof saved.answers === "object" ? saved : null;
    } catch (e) {
      return null;
    }
  }

  function save() {
    if (!store) return;
    try {
      store.setItem(key, JSON.stringify(state));
    } catch (e) {
      document.getElementById("no-storage").hidden = false;
    }
  }

  function answer(id) {
    if (!state.answers[id]) state.answers[id] = { level: null, note: "", evidence: "" };
    return state.answers[id];
  }

  function byId(id) {
    return document.getElementById(id);
  }

  // A question gated by another applies unless that one is 'na' or below the level named;
  // not knowing, or not answering it, keeps the question in (as the scorer does).
  function applies(id) {
    var condition = facts.questions[id]["if"];
    if (!condition) return true;
    var decider = state.answers[condition[0]];
    if (!decider || decider.level === null || decider.level === "unknown") return true;
    if (decider.level === "na") return false;
    return Number(decider.level) >= condition[1];
  }

  function given(id) {
    var a = state.answers[id];
    return Boolean(a && a.level !== null && a.level !== undefined);
  }

  function refresh() {
    var answered = 0;
    var open = 0;
    ids.forEach(function (id) {
      var box = byId("q-" + id);
      var on = applies(id);
      box.disabled = !on;
      box.classList.toggle("gated", !on);
      var gate = byId("g-" + id);
      if (gate) gate.hidden = on;
      var roles = facts.questions[id].roles;
      var hint = byId("h-" + id);
      hint.hidden = !state.role || roles.indexOf(state.role) >= 0;
      hint.textContent = hint.hidden ? "" : OTHER_ROLE;
      box.querySelector(".clear").hidden = !given(id) || !on;
      if (on) {
        open += 1;
        if (given(id)) answered += 1;
      }
    });
    byId("progress").textContent = answered + " of " + open + " answered";
  }

  function restore() {
    ["name", "role", "subject", "period"].forEach(function (field) {
      var input = byId(field);
      if (input && state[field]) input.value = state[field];
    });
    if (byId("role").value !== state.role) state.role = ""; // a role this round does not ask
    ids.forEach(function (id) {
      var a = state.answers[id];
      if (!a) return;
      if (a.level !== null && a.level !== undefined) {
        var radio = document.querySelector(
          'input[name="a-' + id + '"][value="' + String(a.level).replace(/[^a-z0-9]/g, "") + '"]'
        );
        if (radio) radio.checked = true;
      }
      byId("n-" + id).value = a.note || "";
      byId("e-" + id).value = a.evidence || "";
      if (a.note || a.evidence) byId("d-" + id).open = true;
    });
  }

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.type === "radio" && target.name.indexOf("a-") === 0) {
      answer(target.name.slice(2)).level = target.value;
    } else if (target.id === "role") {
      state.role = target.value;
      byId("role-problem").textContent = "";
    }
    save();
    refresh();
  });

  document.addEventListener("input", function (event) {
    var target = event.target;
    var id = target.id || "";
    if (id.indexOf("n-") === 0) answer(id.slice(2)).note = target.value;
    else if (id.indexOf("e-") === 0) answer(id.slice(2)).evidence = target.value;
    else if (["name", "subject", "period"].indexOf(id) >= 0) state[id] = target.value;
    else return;
    save();
  });

  document.addEventListener("click", function (event) {
    var clear = event.target.closest("[data-clear]");
    if (clear) {
      var id = clear.getAttribute("data-clear");
      answer(id).level = null;
      document.querySelectorAll('input[name="a-' + id + '"]').forEach(function (radio) {
        radio.checked = false;
      });
      save();
      refresh();
      byId("q-" + id).querySelector("input").focus();
    }
  });

  // Text for a YAML double-quoted scalar: JSON's escapes are YAML's, plus escapes for the
  // few characters YAML would take as line breaks or refuse.
  function quoted(text) {
    var s = String(text);
    if (s.toWellFormed) s = s.toWellFormed();
    return JSON.stringify(s).replace(/[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g, function (c) {
      return "\\u" + ("000" + c.charCodeAt(0).toString(16)).slice(-4);
    });
  }

  // One line of plain text, as answer files require of names, subjects and periods.
  function plain(text) {
    return String(text || "")
      .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2028\u2029\u2060-\u2064\u2066-\u2069\ufeff]/g, "")
      .trim();
  }

  function evidenceOf(a) {
    return (a.evidence || "")
      .split(/\r?\n/)
      .map(function (line) {
        return line.trim();
      })
      .filter(Boolean);
  }

  function problems() {
    var found = [];
    var role = byId("role");
    byId("role-problem").textContent = "";
    if (!state.role) {
      byId("role-problem").textContent = "Choose your role: it says whose view these answers are.";
      found.push(role);
    }
    if (facts.subject === null) {
      byId("subject-problem").textContent = "";
      if (!plain(state.subject)) {
        byId("subject-problem").textContent = "Say what is being assessed.";
        found.push(byId("subject"));
      }
    }
    ids.forEach(function (id) {
      var a = state.answers[id];
      if (!a || !applies(id)) return;
      var items = evidenceOf(a);
      var area = byId("e-" + id);
      var wrong =
        items.length > facts.limits.evidenceItems
          ? "At most " + facts.limits.evidenceItems + " evidence lines for " + id + "."
          : items.some(function (i) {
                return i.length > facts.limits.evidence;
              })
            ? "An evidence line for " + id + " is over " + facts.limits.evidence + " characters."
            : "";
      area.setCustomValidity(wrong);
      if (wrong) {
        byId("d-" + id).open = true;
        found.push(area);
      }
    });
    return found;
  }

  function fileName() {
    var fields = facts.subject === null ? [state.subject, state.period] : [facts.subject, facts.period];
    var slug = fields
      .concat([state.role, state.name])
      .map(plain)
      .filter(Boolean)
      .join("-")
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^\p{L}\p{N}]+/gu, "-")
      .replace(/^-+|-+$/g, "");
    return (slug || "answers") + ".yaml";
  }

  function yaml() {
    var subject = facts.subject === null ? plain(state.subject) : facts.subject;
    var period = facts.subject === null ? plain(state.period) : facts.period;
    var name = plain(state.name);
    var out = [
      "# Answers to " + plain(facts.title) + " (" + facts.bank + "), from the web questionnaire.",
      "# Check them with `assess validate " + fileName() + "`.",
      "schema: " + facts.schema,
      "bank: " + facts.bank,
      "subject: " + quoted(subject),
    ];
    if (period) out.push("period: " + quoted(period));
    if (facts.group) out.push("group: " + quoted(facts.group));
    out.push("respondent:");
    if (name) out.push("  name: " + quoted(name));
    out.push("  role: " + state.role);
    if (facts.profile) out.push("profile: " + facts.profile);
    out.push("answers:");
    var any = false;
    ids.forEach(function (id) {
      var a = state.answers[id];
      if (!a || !given(id) || !applies(id)) return;
      any = true;
      var level = /^[0-9]+$/.test(a.level) ? String(Number(a.level)) : a.level;
      var note = (a.note || "").trim();
      var items = evidenceOf(a);
      if (!note && !items.length) {
        out.push("  " + id + ": " + level);
        return;
      }
      var parts = ["level: " + level];
      if (note) parts.push("note: " + quoted(note));
      if (items.length) parts.push("evidence: [" + items.map(quoted).join(", ") + "]");
      out.push("  " + id + ": {" + parts.join(", ") + "}");
    });
    if (!any) out[out.length - 1] = "answers: {}";
    return out.join("\n") + "\n";
  }

  function download() {
    var wrong = problems();
    if (wrong.length) {
      byId("saved").className = "problem"; // a failure reads as one, not in the colour of success
      byId("saved").textContent = "Not downloaded yet: " + wrong.length + (wrong.length === 1 ? " thing" : " things") + " to fix, marked below.";
      wrong[0].focus();
      return;
    }
    var blob = new Blob([yaml()], { type: "application/x-yaml" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = fileName();
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () {
      URL.revokeObjectURL(link.href);
    }, 1000);
    var unanswered = ids.filter(function (id) {
      var a = state.answers[id];
      return a && !given(id) && ((a.note || "").trim() || evidenceOf(a).length);
    });
    byId("saved").className = "done";
    byId("saved").textContent =
      "Downloaded as " + fileName() + ". Send it to whoever runs the assessment; your answers also stay here." +
      (unanswered.length
        ? " Left out: the note or evidence of " + unanswered.join(", ") + ", which have no answer yet."
        : "");
  }

  byId("download").addEventListener("click", download);
  byId("download-end").addEventListener("click", download);
  byId("reset").addEventListener("click", function () {
    if (!window.confirm("Forget every answer given in this browser for this questionnaire?")) return;
    if (store) store.removeItem(key);
    window.location.reload();
  });

  restore();
  refresh();
})();
