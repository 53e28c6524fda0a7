// Gatehouse events console: plain JavaScript, no build step, nothing loaded from elsewhere.
// Every text that comes from an event is set with textContent (never innerHTML): vendors' payloads and the names
// in them are attacker-influenced. The API token lives in sessionStorage and travels only in the Authorization
// header, never in a URL.
'use strict';

(function () {
  const TOKEN_KEY = 'gatehouse.apiToken';
  const PAGE_SIZE = 50;
  const POLL_MS = 2000;
  const ALERTS_SHOWN = 20;

  // canonical types (docs/rules.md, "Canonical types and severities"), grouped by family for the type filter
  const TYPE_FAMILIES = {
    lock: ['lock.locked', 'lock.unlocked', 'lock.jammed', 'lock.state_changed'],
    access: ['access.granted', 'access.denied', 'access.anti_passback'],
    door: ['door.opened', 'door.closed', 'door.held_open', 'door.forced_open', 'door.tailgating'],
    doorbell: ['doorbell.pressed', 'doorbell.ended'],
    lockdown: ['lockdown.started', 'lockdown.ended'],
    evacuation: ['evacuation.started'],
    device: ['device.connected', 'device.disconnected', 'device.battery_low', 'device.tampered', 'device.fault',
      'device.updated'],
    command: ['command.succeeded', 'command.failed'],
    system: ['system.added', 'system.connected', 'system.disconnected'],
    other: ['unknown'],
  };

  const $ = (id) => document.getElementById(id);

  const state = {
    filters: {},
    cursors: [null],        // cursors[i] is the ?before= of page i; page 0 is the newest
    page: 0,
    next: null,
    shownIds: [],
    selectedId: null,
    pollTimer: null,
    polling: false,
  };

  // --- the API -------------------------------------------------------------------------------------------------

  class Unauthorized extends Error {}

  async function api(path, options = {}) {
    const token = sessionStorage.getItem(TOKEN_KEY);
    const response = await fetch(path, {
      ...options,
      headers: { 'Authorization': 'Bearer ' + token, 'Accept': 'application/json' },
      cache: 'no-store',
    });
    if (response.status === 401) {
      throw new Unauthorized();
    }
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      throw new Error(body.message || ('Gatehouse answered ' + response.status));
    }
    return body;
  }

  function query(params) {
    const search = new URLSearchParams();
    Object.entries(params).forEach(([key, value]) => {
      if (value !== null && value !== undefined && value !== '') {
        search.set(key, value);
      }
    });
    const text = search.toString();
    return text ? '?' + text : '';
  }

  // --- small DOM helpers -----------------------------------------------------------------------------------------

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    return node;
  }

  function show(node, visible) {
    node.hidden = !visible;
  }

  function showError(node, message) {
    node.textContent = message || '';
    show(node, Boolean(message));
  }

  function badge(kind, value) {
    const safe = String(value || 'unknown').toLowerCase().replace(/[^a-z_]/g, '');
    return el('span', 'badge ' + kind + '-' + safe, value || 'unknown');
  }

  /** A door, device, site or actor: the name, else the id. */
  function refText(ref) {
    if (!ref) {
      return '';
    }
    return ref.name || ref.id || '';
  }

  const sameDay = (a, b) => a.toDateString() === b.toDateString();
  const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
    year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  });

  /** Local time; today's events show only the time. */
  function localTime(iso) {
    if (!iso) {
      return '';
    }
    const date = new Date(iso);
    return sameDay(date, new Date()) ? timeFormat.format(date) : dateTimeFormat.format(date);
  }

  // --- sign in and out -------------------------------------------------------------------------------------------

  async function signIn(event) {
    event.preventDefault();
    const token = $('token').value.trim();
    showError($('login-error'), '');
    if (!token) {
      showError($('login-error'), 'Enter the API token.');
      return;
    }
    sessionStorage.setItem(TOKEN_KEY, token);
    try {
      await api('/api/events?limit=1');
    } catch (error) {
      sessionStorage.removeItem(TOKEN_KEY);
      showError($('login-error'), error instanceof Unauthorized
        ? 'Gatehouse refused this token. Check gatehouse.api.token (GATEHOUSE_API_TOKEN) or the token in the '
          + 'start-up log.'
        : 'Gatehouse could not be reached: ' + error.message);
      return;
    }
    $('token').value = '';
    startConsole();
  }

  function signOut(message) {
    sessionStorage.removeItem(TOKEN_KEY);
    clearTimeout(state.pollTimer);
    state.pollTimer = null;
    show($('console-view'), false);
    show($('session'), false);
    show($('login-view'), true);
    showError($('login-error'), message || '');
    $('token').focus();
  }

  function handleFailure(error, banner) {
    if (error instanceof Unauthorized) {
      signOut('Gatehouse no longer accepts this token. Sign in again.');
      return;
    }
    showError(banner, error.message);
    setLive(false, 'Connection problem');
  }

  // --- events ----------------------------------------------------------------------------------------------------

  function readFilters() {
    const localToIso = (value) => (value ? new Date(value).toISOString() : '');
    return {
      vendor: $('filter-vendor').value,
      type: $('filter-type').value,
      door: $('filter-door').value.trim(),
      since: localToIso($('filter-since').value),
      until: localToIso($('filter-until').value),
    };
  }

  async function loadEvents() {
    const params = { ...state.filters, limit: PAGE_SIZE, before: state.cursors[state.page] };
    const page = await api('/api/events' + query(params));
    showError($('events-error'), '');
    state.next = page.next || null;
    renderEvents(page.events);
    renderPager();
  }

  function renderEvents(events) {
    const ids = events.map((e) => e.id);
    if (ids.join() === state.shownIds.join()) {
      return;   // nothing new: keep the rows, the focus and the selection as they are
    }
    const before = new Set(state.shownIds);
    const highlight = state.shownIds.length > 0;
    const body = $('events').tBodies[0];
    const rows = events.map((event) => eventRow(event, highlight && !before.has(event.id)));
    body.replaceChildren(...rows);
    state.shownIds = ids;
    show($('events-empty'), events.length === 0);
  }

  function eventRow(event, isNew) {
    const row = el('tr', 'event-row' + (isNew ? ' new' : '') + (event.id === state.selectedId ? ' selected' : ''));
    row.dataset.id = event.id;
    row.dataset.severity = event.severity;
    row.tabIndex = 0;
    const time = el('td', 'time', localTime(event.occurredAt));
    time.title = event.occurredAt;
    row.append(
      time,
      el('td', 'vendor', event.vendor),
      el('td', 'type', event.type),
      cell(badge('severity', event.severity)),
      el('td', 'door', refText(event.door)),
      el('td', 'device', refText(event.device)),
      el('td', 'actor', refText(event.actor)),
      cell(badge('outcome', event.outcome)),
    );
    row.addEventListener('click', () => openEvent(event.id));
    row.addEventListener('keydown', (key) => {
      if (key.key === 'Enter' || key.key === ' ') {
        key.preventDefault();
        openEvent(event.id);
      }
    });
    return row;
  }

  function cell(child) {
    const td = el('td');
    td.append(child);
    return td;
  }

  function renderPager() {
    $('newer').disabled = state.page === 0;
    $('older').disabled = !state.next;
    $('page-info').textContent = state.page === 0
      ? 'Newest ' + PAGE_SIZE + ', updating live'
      : 'Page ' + (state.page + 1) + ' · live updates paused';
  }

  function applyFilters(event) {
    if (event) {
      event.preventDefault();
    }
    state.filters = readFilters();
    state.cursors = [null];
    state.page = 0;
    state.shownIds = [];
    refreshNow();
  }

  // --- one event -------------------------------------------------------------------------------------------------

  async function openEvent(id) {
    state.selectedId = id;
    document.querySelectorAll('#events tr.selected').forEach((row) => row.classList.remove('selected'));
    const row = document.querySelector('#events tr[data-id="' + CSS.escape(id) + '"]');
    if (row) {
      row.classList.add('selected');
    }
    try {
      const [event, alerts] = await Promise.all([
        api('/api/events/' + encodeURIComponent(id)),
        api('/api/alerts' + query({ event: id, limit: 50 })),
      ]);
      if (state.selectedId !== id) {
        return;   // another event was opened meanwhile
      }
      renderDetail(event);
      renderAlertList($('detail-alerts'), alerts.alerts, 'No alert was raised for this event.');
      show($('detail'), true);
    } catch (error) {
      handleFailure(error, $('events-error'));
    }
  }

  async function refreshDetailAlerts() {
    if (!state.selectedId || $('detail').hidden) {
      return;
    }
    const alerts = await api('/api/alerts' + query({ event: state.selectedId, limit: 50 }));
    renderAlertList($('detail-alerts'), alerts.alerts, 'No alert was raised for this event.');
  }

  function renderDetail(event) {
    $('detail-title').textContent = event.type + (event.door ? ' · ' + refText(event.door) : '');
    const fields = $('detail-fields');
    fields.replaceChildren();
    const add = (label, value, note) => {
      if (value === null || value === undefined || value === '') {
        return;
      }
      const dd = el('dd', null, value);
      if (note) {
        dd.append(el('span', 'note', note));
      }
      fields.append(el('dt', null, label), dd);
    };
    // a name with its id beside it; an id alone when the vendor gave no name
    const ref = (r) => (r ? [r.name || r.id, r.name && r.id && r.id !== r.name ? r.id : '', r.kind]
      .filter(Boolean).join(' · ') : '');
    $('detail-badges').replaceChildren(badge('severity', event.severity), badge('outcome', event.outcome),
      el('span', 'muted', event.vendor + ' · ' + event.method));
    add('Occurred', event.occurredAt && dateTimeFormat.format(new Date(event.occurredAt)), event.occurredAt);
    add('Received', event.receivedAt && dateTimeFormat.format(new Date(event.receivedAt)), event.receivedAt);
    add('Door', ref(event.door));
    add('Device', ref(event.device));
    add('Site', ref(event.site));
    add('Actor', event.actor ? ref(event.actor) + (event.actor.email ? ' · ' + event.actor.email : '') : '');
    add('Vendor type', event.vendorEventType);
    add('Vendor id', event.vendorEventId);
    add('Event id', event.id);
    Object.entries(event.attributes || {}).forEach(([key, value]) =>
      add(key, typeof value === 'object' ? JSON.stringify(value) : value));
    $('detail-raw').textContent = JSON.stringify(event.raw, null, 2);
  }

  function closeDetail() {
    state.selectedId = null;
    show($('detail'), false);
    document.querySelectorAll('#events tr.selected').forEach((row) => row.classList.remove('selected'));
  }

  // --- alerts ----------------------------------------------------------------------------------------------------

  async function loadAlerts() {
    const failedOnly = $('alerts-failed-only').checked;
    const alerts = await api('/api/alerts' + query({ status: failedOnly ? 'failed' : '', limit: ALERTS_SHOWN }));
    showError($('alerts-error'), '');
    renderAlertList($('alerts'), alerts.alerts, failedOnly ? 'No failed delivery.' : 'No alert yet.');
  }

  function renderAlertList(container, alerts, emptyText) {
    // skip the redraw when nothing changed, so a Retry button does not move under the pointer
    const signature = JSON.stringify(alerts);
    if (container.dataset.signature === signature) {
      return;
    }
    container.dataset.signature = signature;
    if (alerts.length === 0) {
      container.replaceChildren(el('p', 'empty', emptyText));
      return;
    }
    container.replaceChildren(...alerts.map(alertCard));
  }

  function alertCard(alert) {
    const card = el('article', 'alert-card severity-border-' + String(alert.severity).replace(/[^a-z]/g, ''));
    card.dataset.alertId = alert.id;
    const head = el('div', 'alert-head');
    head.append(badge('severity', alert.severity), el('span', 'rule', alert.rule),
      el('span', 'muted when', localTime(alert.createdAt)));
    card.append(head);

    const first = alert.events && alert.events[0];
    if (first) {
      const summary = el('button', 'link alert-event',
        (alert.events.length > 1 ? alert.events.length + ' × ' : '') + first.type
        + (first.door ? ' · ' + refText(first.door) : ''));
      summary.type = 'button';
      summary.addEventListener('click', () => openEvent(first.id));
      card.append(summary);
    }
    if (alert.suppressed > 0) {
      card.append(el('p', 'muted', alert.suppressed + ' similar alert(s) suppressed before this one'));
    }
    const list = el('ul', 'deliveries');
    alert.deliveries.forEach((delivery) => list.append(deliveryItem(alert, delivery)));
    card.append(list);
    return card;
  }

  function deliveryItem(alert, delivery) {
    const item = el('li', 'delivery');
    item.dataset.channel = delivery.channel;
    item.dataset.status = delivery.status;
    const status = badge('delivery', delivery.status);
    status.classList.add('status');
    item.append(el('span', 'channel', delivery.channel + (delivery.action === 'resolve' ? ' (resolve)' : '')), status,
      el('span', 'muted attempts', delivery.attempts + (delivery.attempts === 1 ? ' attempt' : ' attempts')));
    if (delivery.status === 'sent' && delivery.sentAt) {
      item.append(el('span', 'muted', 'at ' + localTime(delivery.sentAt)));
    }
    if (delivery.status === 'pending' && delivery.lastError) {
      item.append(el('span', 'muted', 'next try ' + localTime(delivery.nextAttemptAt)));
    }
    if (delivery.status === 'failed') {
      const retry = el('button', 'retry', 'Retry');
      retry.type = 'button';
      retry.addEventListener('click', () => retryDelivery(alert.id, delivery.id, retry));
      item.append(retry);
    }
    if (delivery.lastError && delivery.status !== 'sent') {
      item.append(el('p', 'delivery-error', delivery.lastError));
    }
    return item;
  }

  async function retryDelivery(alertId, deliveryId, button) {
    button.disabled = true;
    button.textContent = 'Retrying…';
    try {
      await api('/api/alerts/' + encodeURIComponent(alertId) + '/deliveries/' + encodeURIComponent(deliveryId)
        + '/retry', { method: 'POST' });
      await Promise.all([loadAlerts(), refreshDetailAlerts()]);
    } catch (error) {
      button.disabled = false;
      button.textContent = 'Retry';
      handleFailure(error, $('alerts-error'));
    }
  }

  // --- live updates ----------------------------------------------------------------------------------------------

  function setLive(ok, text) {
    $('live').classList.toggle('down', !ok);
    $('live-text').textContent = text;
  }

  async function refresh() {
    if (state.polling) {
      return;
    }
    state.polling = true;
    try {
      const work = [loadAlerts(), refreshDetailAlerts()];
      // older pages stay still while being read; the newest page follows new events
      if (state.page === 0 || state.shownIds.length === 0) {
        work.push(loadEvents());
      }
      await Promise.all(work);
      setLive(true, 'Live · ' + timeFormat.format(new Date()));
    } catch (error) {
      handleFailure(error, $('events-error'));
    } finally {
      state.polling = false;
    }
  }

  function schedule() {
    clearTimeout(state.pollTimer);
    state.pollTimer = setTimeout(async () => {
      if (!document.hidden) {
        await refresh();
      }
      if (sessionStorage.getItem(TOKEN_KEY)) {
        schedule();
      }
    }, POLL_MS);
  }

  async function refreshNow() {
    await refresh();
    schedule();
  }

  // --- start -----------------------------------------------------------------------------------------------------

  function fillTypes() {
    const select = $('filter-type');
    Object.entries(TYPE_FAMILIES).forEach(([family, types]) => {
      const group = document.createElement('optgroup');
      group.label = family;
      if (types.length > 1) {
        group.append(new Option('all ' + family + '.*', family + '.*'));
      }
      types.forEach((type) => group.append(new Option(type, type)));
      select.append(group);
    });
  }

  /** The vendor filter lists the vendors this Gatehouse defines (vendor-definitions/ and gatehouse.vendors-dir). */
  async function fillVendors() {
    const select = $('filter-vendor');
    if (select.options.length > 1) {
      return;
    }
    try {
      const answer = await api('/api/vendors');
      answer.vendors.forEach((vendor) => select.append(new Option(vendor.name, vendor.name)));
    } catch (error) {
      // the filter stays at "All vendors"; the event list reports what is wrong
    }
  }

  function startConsole() {
    fillVendors();
    show($('login-view'), false);
    show($('console-view'), true);
    show($('session'), true);
    state.filters = readFilters();
    state.cursors = [null];
    state.page = 0;
    state.shownIds = [];
    renderPager();
    refreshNow();
    openLinkedEvent();
  }

  /** A link in an alert (gatehouse.console.base-url + /#event=<id>) opens that event, once signed in. */
  function openLinkedEvent() {
    const linked = new URLSearchParams(window.location.hash.slice(1)).get('event');
    if (linked && sessionStorage.getItem(TOKEN_KEY)) {
      openEvent(linked);
    }
  }

  function wire() {
    fillTypes();
    $('login-form').addEventListener('submit', signIn);
    $('logout').addEventListener('click', () => signOut());
    $('filters').addEventListener('submit', applyFilters);
    ['filter-vendor', 'filter-type', 'filter-since', 'filter-until'].forEach((id) =>
      $(id).addEventListener('change', () => applyFilters()));
    $('clear-filters').addEventListener('click', () => {
      $('filters').reset();
      applyFilters();
    });
    $('older').addEventListener('click', () => {
      if (!state.next) {
        return;
      }
      state.cursors[state.page + 1] = state.next;
      state.page += 1;
      state.shownIds = [];
      loadEvents().catch((error) => handleFailure(error, $('events-error')));
    });
    $('newer').addEventListener('click', () => {
      state.page = Math.max(0, state.page - 1);
      state.shownIds = [];
      refreshNow();
    });
    $('detail-close').addEventListener('click', closeDetail);
    window.addEventListener('hashchange', openLinkedEvent);
    $('alerts-failed-only').addEventListener('change', () =>
      loadAlerts().catch((error) => handleFailure(error, $('alerts-error'))));

    if (sessionStorage.getItem(TOKEN_KEY)) {
      startConsole();
    } else {
      signOut();
    }
  }

  wire();
}());
