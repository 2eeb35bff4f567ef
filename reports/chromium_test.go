//go:build unix

package reports

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// requireChromium is the environment variable CI sets so that a missing
// chromium fails the rendering test instead of skipping it.
const requireChromium = "CUSTVAL_REQUIRE_CHROMIUM"

// chromiumTimeout bounds one browser's whole life; after it the browser and
// its children are killed.
const chromiumTimeout = 3 * time.Minute // nine reports at two widths on a busy 2-core machine took over 60 s

// chromiumFlags start Debian's chromium headless as root on a machine with no
// network, display, D-Bus or GPU. Without the background-networking flags it
// keeps trying to reach Google's hosts; the colour profile pins the pixels.
var chromiumFlags = []string{
	"--headless",
	"--no-sandbox",
	"--disable-gpu",
	"--disable-quic",
	"--no-first-run",
	"--disable-background-networking",
	"--disable-component-update",
	"--disable-sync",
	"--disable-extensions",
	"--disable-dev-shm-usage",
	"--hide-scrollbars",
	"--mute-audio",
	"--force-color-profile=srgb",
	"--remote-debugging-pipe",
}

// browser is a headless chromium driven over the DevTools protocol on a pipe
// (fd 3 into the browser, fd 4 out of it; NUL-terminated JSON messages). One
// browser renders many pages, so the test pays chromium's start-up only once,
// and its tabs may be used from several goroutines at once.
type browser struct {
	ctx    context.Context
	cancel context.CancelFunc
	cmd    *exec.Cmd
	stderr *tailBuffer
	gone   chan struct{} // closed when the browser's output ends

	mu      sync.Mutex // guards everything below
	in      io.WriteCloser
	nextID  int
	replies map[int]chan cdpMessage    // by command id
	waiters map[string]chan cdpMessage // by session and event method
}

type cdpMessage struct {
	ID        int             `json:"id,omitempty"`
	Method    string          `json:"method,omitempty"`
	SessionID string          `json:"sessionId,omitempty"`
	Params    json.RawMessage `json:"params,omitempty"`
	Result    json.RawMessage `json:"result,omitempty"`
	Error     *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"error,omitempty"`
}

// chromiumPath finds chromium, or skips the test (fails it when CI requires
// the browser).
func chromiumPath(t *testing.T) string {
	t.Helper()
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	msg := "chromium not found, so the reports are not rendered in a browser: `make chromium` installs Debian's chromium"
	if os.Getenv(requireChromium) != "" {
		t.Fatalf("%s; %s is set, so the rendering test may not be skipped", msg, requireChromium)
	}
	t.Skipf("%s; set %s=1 to make this a failure", msg, requireChromium)
	return ""
}

// startBrowser starts the chromium at path with a fresh profile; it is closed
// and, if still running, killed with its children at the end of the test.
func startBrowser(t *testing.T, path string) *browser {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), chromiumTimeout)
	args := append(append([]string{}, chromiumFlags...), "--user-data-dir="+t.TempDir(), "about:blank")
	cmd := exec.CommandContext(ctx, path, args...)
	// Its own process group, so a timeout kills the renderer and zygote too.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 5 * time.Second
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir()) // its NSS database and caches go there, not into ~
	b := &browser{ctx: ctx, cancel: cancel, cmd: cmd, stderr: &tailBuffer{max: 8 << 10}, gone: make(chan struct{}),
		replies: map[int]chan cdpMessage{}, waiters: map[string]chan cdpMessage{}}
	cmd.Stderr = b.stderr

	toBrowser, in, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	out, fromBrowser, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.ExtraFiles = []*os.File{toBrowser, fromBrowser} // fd 3 and fd 4
	if err := cmd.Start(); err != nil {
		cancel()
		t.Fatalf("start %s: %v", path, err)
	}
	toBrowser.Close()
	fromBrowser.Close()
	b.in = in
	go b.read(out)
	t.Cleanup(func() { b.close(t) })
	return b
}

// read hands each message of the browser to the call or waiter expecting it
// until the browser closes the pipe.
func (b *browser) read(out *os.File) {
	defer close(b.gone)
	defer out.Close()
	r := bufio.NewReaderSize(out, 1<<20)
	for {
		raw, err := r.ReadBytes(0)
		if err != nil {
			return
		}
		var m cdpMessage
		if json.Unmarshal(raw[:len(raw)-1], &m) != nil {
			continue
		}
		b.mu.Lock()
		var to chan cdpMessage
		if m.ID != 0 {
			to = b.replies[m.ID]
			delete(b.replies, m.ID)
		} else if m.Method != "" {
			key := m.SessionID + " " + m.Method
			to = b.waiters[key]
			delete(b.waiters, key)
		}
		b.mu.Unlock()
		if to != nil {
			to <- m // buffered: never blocks
		}
	}
}

func (b *browser) close(t *testing.T) {
	// A polite close first; the context's kill is the fallback.
	if b.ctx.Err() == nil {
		_ = b.call("", "Browser.close", nil, nil)
	}
	b.mu.Lock()
	b.in.Close()
	b.mu.Unlock()
	done := make(chan error, 1)
	go func() { done <- b.cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		b.cancel()
		<-done
	}
	b.cancel()
	<-b.gone
	if b.ctx.Err() == context.DeadlineExceeded {
		t.Errorf("chromium killed after %s; its stderr ends:\n%s", chromiumTimeout, b.stderr)
	}
}

// call sends a command and waits for its reply.
func (b *browser) call(session, method string, params, result any) error {
	reply := make(chan cdpMessage, 1)
	b.mu.Lock()
	b.nextID++
	id := b.nextID
	b.replies[id] = reply
	b.mu.Unlock()
	msg := map[string]any{"id": id, "method": method}
	if session != "" {
		msg["sessionId"] = session
	}
	if params != nil {
		msg["params"] = params
	}
	data, err := json.Marshal(msg)
	if err != nil {
		return err
	}
	b.mu.Lock()
	_, err = b.in.Write(append(data, 0))
	b.mu.Unlock()
	if err != nil {
		return fmt.Errorf("chromium %s: %w; stderr ends:\n%s", method, err, b.stderr)
	}
	m, err := b.wait(reply, method)
	if err != nil {
		return err
	}
	if m.Error != nil {
		return fmt.Errorf("chromium %s: %s (%d)", method, m.Error.Message, m.Error.Code)
	}
	if result != nil {
		if err := json.Unmarshal(m.Result, result); err != nil {
			return fmt.Errorf("chromium %s: read reply: %w", method, err)
		}
	}
	return nil
}

// expect registers for the next event method of session; register before the
// command that causes it, so the event cannot be missed.
func (b *browser) expect(session, method string) chan cdpMessage {
	ch := make(chan cdpMessage, 1)
	b.mu.Lock()
	b.waiters[session+" "+method] = ch
	b.mu.Unlock()
	return ch
}

func (b *browser) wait(ch chan cdpMessage, what string) (cdpMessage, error) {
	select {
	case m := <-ch:
		return m, nil
	case <-b.gone:
		return cdpMessage{}, fmt.Errorf("chromium exited while waiting for %s; stderr ends:\n%s", what, b.stderr)
	case <-b.ctx.Done():
		return cdpMessage{}, fmt.Errorf("chromium: waiting for %s: %w", what, b.ctx.Err())
	}
}

// page is one browser tab.
type page struct {
	b       *browser
	session string
}

func (b *browser) newPage() (*page, error) {
	var target struct {
		TargetID string `json:"targetId"`
	}
	if err := b.call("", "Target.createTarget", map[string]any{"url": "about:blank"}, &target); err != nil {
		return nil, err
	}
	var attached struct {
		SessionID string `json:"sessionId"`
	}
	if err := b.call("", "Target.attachToTarget", map[string]any{"targetId": target.TargetID, "flatten": true}, &attached); err != nil {
		return nil, err
	}
	p := &page{b: b, session: attached.SessionID}
	if err := b.call(p.session, "Page.enable", nil, nil); err != nil {
		return nil, err
	}
	return p, nil
}

// viewport sets the window size in CSS pixels; mobile makes chromium honour
// the page's viewport meta tag as a phone does.
func (p *page) viewport(width, height int, mobile bool) error {
	return p.b.call(p.session, "Emulation.setDeviceMetricsOverride", map[string]any{
		"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile,
	}, nil)
}

// open loads url and waits for its load event.
func (p *page) open(url string) error {
	var nav struct {
		ErrorText string `json:"errorText"`
	}
	loaded := p.b.expect(p.session, "Page.loadEventFired")
	if err := p.b.call(p.session, "Page.navigate", map[string]any{"url": url}, &nav); err != nil {
		return err
	}
	if nav.ErrorText != "" {
		return fmt.Errorf("open %s: %s", url, nav.ErrorText)
	}
	_, err := p.b.wait(loaded, "Page.loadEventFired of "+url)
	return err
}

// contentSize is the laid-out page's size in CSS pixels.
func (p *page) contentSize() (width, height float64, err error) {
	var m struct {
		CSSContentSize struct {
			Width  float64 `json:"width"`
			Height float64 `json:"height"`
		} `json:"cssContentSize"`
	}
	if err := p.b.call(p.session, "Page.getLayoutMetrics", nil, &m); err != nil {
		return 0, 0, err
	}
	return m.CSSContentSize.Width, m.CSSContentSize.Height, nil
}

// screenshot captures the top-left width x height CSS pixels of the page as PNG,
// beyond the window when the page is longer.
func (p *page) screenshot(width, height float64) ([]byte, error) {
	var shot struct {
		Data string `json:"data"`
	}
	err := p.b.call(p.session, "Page.captureScreenshot", map[string]any{
		"format": "png", "captureBeyondViewport": true, "optimizeForSpeed": true,
		"clip": map[string]any{"x": 0, "y": 0, "width": width, "height": height, "scale": 1},
	}, &shot)
	if err != nil {
		return nil, err
	}
	return base64.StdEncoding.DecodeString(shot.Data)
}

// pdf prints the page as the print dialog would, A4, with the print styles.
func (p *page) pdf() ([]byte, error) {
	var out struct {
		Data string `json:"data"`
	}
	err := p.b.call(p.session, "Page.printToPDF", map[string]any{
		"paperWidth": 8.27, "paperHeight": 11.69, "printBackground": true,
	}, &out)
	if err != nil {
		return nil, err
	}
	return base64.StdEncoding.DecodeString(out.Data)
}

func (p *page) close() error {
	return p.b.call(p.session, "Page.close", nil, nil)
}

// tailBuffer keeps the last max bytes written to it, without chromium's
// D-Bus complaints, for error messages.
type tailBuffer struct {
	mu  sync.Mutex
	max int
	b   []byte
}

func (w *tailBuffer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, line := range bytes.SplitAfter(p, []byte("\n")) {
		if bytes.Contains(line, []byte("dbus")) {
			continue
		}
		w.b = append(w.b, line...)
	}
	if len(w.b) > w.max {
		w.b = w.b[len(w.b)-w.max:]
	}
	return len(p), nil
}

func (w *tailBuffer) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return strings.TrimSpace(string(w.b))
}
