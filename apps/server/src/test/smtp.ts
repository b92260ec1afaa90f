/** A real SMTP server process for tests: every message it accepts is parsed into `inbox`. */
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
  port: number;
  inbox: ParsedMail[];
  /** When false, the server answers 451 (temporary failure) to every message. */
  accepting: boolean;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const sink: SmtpSink = {
    port: 0,
    inbox: [],
    accepting: true,
    close: async () => {},
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      if (!sink.accepting) {
        stream.resume();
        stream.on('end', () => callback(new Error('451 Hộp thư tạm thời không nhận')));
        return;
      }
      simpleParser(stream)
        .then((mail) => {
          sink.inbox.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  // A client that goes away mid-session (a server killed by the crash drill) resets its
  // connection; the sink carries on instead of crashing on the unhandled 'error' event.
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  sink.port = (server.server.address() as { port: number }).port;
  sink.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return sink;
}
