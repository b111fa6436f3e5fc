import assert from 'node:assert/strict';
import type { LookupAddress } from 'node:dns';
import * as https from 'node:https';
import type { AddressInfo, LookupFunction } from 'node:net';
import fc from 'fast-check';
import { checkFileUrl, fileHostsForGraph, FileHostPattern, isPublicAddress, parseFileHostPatterns } from '../../src/bulk/file-hosts';
import { ConfigurationError, loadConfig } from '../../src/config';
import { FileTransferError, httpsFileTransfer } from '../../src/teams/bulk/file-transfer';
import { closeServer } from '../support/close-server';
import { testServerTls } from '../support/tls';
import { FakeFileHost } from '../teams/bulk/file-host';

const PUBLIC_CLOUD = fileHostsForGraph('https://graph.microsoft.com');
const TEAMS_DOWNLOAD = 'https://contoso-my.sharepoint.com/personal/megan_contoso_com/_layouts/15/download.aspx?UniqueId=1b2c&Translate=false&tempauth=eyJ0eXAi';

/**
 * The URL of a sent file and of a result file's upload session come inside an activity, which anyone able to
 * reach the messaging endpoint can shape. The bot must fetch only SharePoint/OneDrive of its own cloud: never this
 * machine, its network, or the cloud metadata endpoint (169.254.169.254), whatever the URL looks like.
 */
describe('bulk file URLs: only the cloud’s SharePoint and OneDrive', () => {
  describe('the rule', () => {
    it('accepts the links Teams hands out, in each cloud, and only in its own cloud', () => {
      const clouds: [string, string][] = [
        ['https://graph.microsoft.com', TEAMS_DOWNLOAD],
        ['https://graph.microsoft.com', 'https://contoso.sharepoint.com/sites/hr/_api/v2.0/drive/items/01AB/uploadSession?guid=x&path=~tmp'],
        ['https://graph.microsoft.us', 'https://contoso-my.sharepoint.us/personal/megan/_layouts/15/download.aspx?tempauth=x'],
        ['https://dod-graph.microsoft.us', 'https://army-my.sharepoint-mil.us/personal/megan/_layouts/15/download.aspx?tempauth=x'],
        ['https://dod-graph.microsoft.us', 'https://army-my.dps.mil/personal/megan/_layouts/15/download.aspx?tempauth=x'],
        ['https://microsoftgraph.chinacloudapi.cn', 'https://contoso-my.sharepoint.cn/personal/megan/_layouts/15/download.aspx?tempauth=x'],
      ];
      for (const [graph, url] of clouds) {
        assert.equal(checkFileUrl(url, fileHostsForGraph(graph)).ok, true, `${url} in the cloud of ${graph}`);
        for (const [otherGraph] of clouds.filter(([other]) => other !== graph)) {
          assert.equal(checkFileUrl(url, fileHostsForGraph(otherGraph)).ok, false, `${url} not in the cloud of ${otherGraph}`);
        }
      }
      assert.equal(checkFileUrl(TEAMS_DOWNLOAD, fileHostsForGraph('https://graph.contoso-proxy.example')).ok, true, 'an unknown Graph host: the global cloud');
      assert.equal(checkFileUrl('https://CONTOSO-MY.SharePoint.com:443/x', PUBLIC_CLOUD).ok, true, 'case and the default port written out');
    });

    const hostile: [string, string, string][] = [
      ['plain http', 'http://contoso-my.sharepoint.com/x', 'notHttps'],
      ['a file: URL', 'file:///etc/passwd', 'notHttps'],
      ['not a URL', 'contoso-my.sharepoint.com/x', 'malformed'],
      ['user info', 'https://evil@contoso-my.sharepoint.com/x', 'credentials'],
      ['user and password', 'https://a:b@contoso-my.sharepoint.com/x', 'credentials'],
      ['another port', 'https://contoso-my.sharepoint.com:8443/x', 'hostNotAllowed'],
      ['the bare domain', 'https://sharepoint.com/x', 'hostNotAllowed'],
      ['a look-alike suffix', 'https://contoso.sharepoint.com.evil.example/x', 'hostNotAllowed'],
      ['a look-alike domain', 'https://contoso-sharepoint.com/x', 'hostNotAllowed'],
      ['the domain in the query only', 'https://evil.example/?h=.sharepoint.com', 'hostNotAllowed'],
      ['the domain in the user info', 'https://x.sharepoint.com@evil.example/x', 'credentials'],
      ['a trailing-dot name', 'https://contoso.sharepoint.com./x', 'hostNotAllowed'],
      ['localhost', 'https://localhost/x', 'hostNotAllowed'],
      ['loopback', 'https://127.0.0.1/x', 'ipLiteral'],
      ['loopback elsewhere in 127/8', 'https://127.1.2.3:443/x', 'ipLiteral'],
      ['loopback as a decimal number', 'https://2130706433/x', 'ipLiteral'],
      ['loopback in hex', 'https://0x7f.0.0.1/x', 'ipLiteral'],
      ['loopback in octal', 'https://0177.0.0.01/x', 'ipLiteral'],
      ['loopback shortened', 'https://127.1/x', 'ipLiteral'],
      ['the metadata endpoint', 'https://169.254.169.254/latest/meta-data/', 'ipLiteral'],
      ['the metadata endpoint as a number', 'https://2852039166/x', 'ipLiteral'],
      ['a private address', 'https://10.0.0.5/x', 'ipLiteral'],
      ['a public address', 'https://52.108.0.1/x', 'ipLiteral'],
      ['IPv6 loopback', 'https://[::1]/x', 'ipLiteral'],
      ['IPv4-mapped IPv6', 'https://[::ffff:127.0.0.1]/x', 'ipLiteral'],
      ['IPv6 link-local', 'https://[fe80::1]/x', 'ipLiteral'],
      ['the unspecified address', 'https://0.0.0.0/x', 'ipLiteral'],
    ];
    for (const [what, url, refusal] of hostile) {
      it(`refuses ${what}`, () => {
        assert.deepEqual(checkFileUrl(url, PUBLIC_CLOUD), { ok: false, refusal });
      });
    }

    it('refuses an IP address in any notation, even with a wildcard listed; reaches one only when it is listed itself', () => {
      const withTestHost: FileHostPattern[] = [...PUBLIC_CLOUD, { host: '127.0.0.1', subdomains: false, port: 9443 }];
      fc.assert(
        fc.property(fc.ipV4(), fc.constantFrom('dotted', 'decimal', 'hex'), (ip, notation) => {
          const n = ip.split('.').reduce((sum, octet) => sum * 256 + Number(octet), 0);
          const host = notation === 'dotted' ? ip : notation === 'decimal' ? String(n) : `0x${n.toString(16)}`;
          assert.deepEqual(checkFileUrl(`https://${host}/x`, PUBLIC_CLOUD), { ok: false, refusal: 'ipLiteral' });
          const listed = ip === '127.0.0.1';
          assert.equal(checkFileUrl(`https://${host}:9443/x`, withTestHost).ok, listed);
        }),
      );
      fc.assert(
        fc.property(fc.ipV6(), (ip) => {
          assert.deepEqual(checkFileUrl(`https://[${ip}]/x`, PUBLIC_CLOUD), { ok: false, refusal: 'ipLiteral' });
        }),
      );
    });

    it('takes any tenant name under the domain, and nothing that only contains it', () => {
      const label = fc.array(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-'), { minLength: 1, maxLength: 20 }).map((chars) => `t${chars.join('')}0`);
      fc.assert(
        fc.property(label, fc.constantFrom('/', '/personal/m/_layouts/15/download.aspx?tempauth=a', '/sites/hr?x=1#y'), (tenant, path) => {
          assert.equal(checkFileUrl(`https://${tenant}-my.sharepoint.com${path}`, PUBLIC_CLOUD).ok, true);
          assert.equal(checkFileUrl(`https://${tenant}-my.sharepoint.com.${tenant}.example${path}`, PUBLIC_CLOUD).ok, false);
          assert.equal(checkFileUrl(`https://${tenant}sharepoint.com${path}`, PUBLIC_CLOUD).ok, false);
        }),
      );
    });

    it('calls public only the addresses on the internet', () => {
      for (const address of ['127.0.0.1', '127.255.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '255.255.255.255', '::', '::1', '::ffff:127.0.0.1', '::ffff:a9fe:a9fe', 'fe80::1', 'fd00::1', 'fc00::1', 'ff02::1', '64:ff9b::7f00:1', '2002:7f00:1::', '2001:db8::1', 'not an address']) {
        assert.equal(isPublicAddress(address), false, address);
      }
      for (const address of ['52.108.0.1', '13.107.136.9', '172.32.0.1', '8.8.8.8', '2603:1036::1', '2620:1ec:8f8::10']) {
        assert.equal(isPublicAddress(address), true, address);
      }
    });
  });

  describe('BULK_FILE_HOSTS', () => {
    const env = { STORE: 'memory' };

    it('derives the list from the cloud of GRAPH_BASE_URL when unset', () => {
      assert.deepEqual(loadConfig(env).bulkFileHosts, [{ host: 'sharepoint.com', subdomains: true, port: 443 }]);
      assert.deepEqual(loadConfig({ ...env, GRAPH_BASE_URL: 'https://graph.microsoft.us' }).bulkFileHosts, [{ host: 'sharepoint.us', subdomains: true, port: 443 }]);
    });

    it('replaces the list with the hosts given, an address only where it is written as one', () => {
      assert.deepEqual(loadConfig({ ...env, BULK_FILE_HOSTS: '*.sharepoint.com, files.contoso.com:8443 127.0.0.1:9443' }).bulkFileHosts, [
        { host: 'sharepoint.com', subdomains: true, port: 443 },
        { host: 'files.contoso.com', subdomains: false, port: 8443 },
        { host: '127.0.0.1', subdomains: false, port: 9443 },
      ]);
    });

    it('refuses entries that are not hosts, wildcards over a top-level domain or an address, and an empty list', () => {
      for (const value of ['*.com', '*', '*.127.0.0.1', 'https://contoso.sharepoint.com', 'contoso.sharepoint.com/sites', 'me@contoso.sharepoint.com', 'x.example:99999', ',']) {
        assert.throws(() => loadConfig({ ...env, BULK_FILE_HOSTS: value }), (error: unknown) => error instanceof ConfigurationError && /BULK_FILE_HOSTS/.test(error.message), value);
      }
      assert.deepEqual(parseFileHostPatterns('[::1]:8443').patterns, [{ host: '[::1]', subdomains: false, port: 8443 }]);
    });
  });

  describe('downloads and uploads over https', () => {
    let files: FakeFileHost;
    let other: FakeFileHost;
    let listed: FileHostPattern[];

    beforeEach(async () => {
      files = new FakeFileHost();
      other = new FakeFileHost();
      await files.start();
      await other.start();
      files.files.set('/guests.csv', 'inviteeEmail\nann@tailspin.com\n');
      other.files.set('/guests.csv', 'inviteeEmail\nmallory@evil.example\n');
      listed = parseFileHostPatterns(`${files.host} ${other.host}`).patterns;
    });
    afterEach(async () => {
      await files.stop();
      await other.stop();
    });

    async function refusal(promise: Promise<unknown>): Promise<string> {
      const error = await promise.then(
        () => undefined,
        (failure: unknown) => failure,
      );
      assert.ok(error instanceof FileTransferError, `expected a FileTransferError, got ${String(error)}`);
      return error.reason;
    }

    it('downloads from a listed host, and uploads to one', async () => {
      const transfer = httpsFileTransfer({ hosts: listed });
      assert.equal(Buffer.from(await transfer.download(files.downloadUrl('/guests.csv'), 1000)).toString(), 'inviteeEmail\nann@tailspin.com\n');
      await transfer.upload(files.uploadUrl('/session/1'), Buffer.from('Row,Outcome\r\n'));
      assert.equal(files.uploads[0]?.body.toString(), 'Row,Outcome\r\n');
      assert.equal(files.uploads[0]?.headers['content-range'], 'bytes 0-12/13');
    });

    it('with the cloud’s own list, refuses the same stand-in (an IP address) without connecting', async () => {
      const transfer = httpsFileTransfer({ hosts: PUBLIC_CLOUD });
      assert.equal(await refusal(transfer.download(files.downloadUrl('/guests.csv'), 1000)), 'refused');
      assert.equal(await refusal(transfer.upload(files.uploadUrl('/session/1'), Buffer.from('x'))), 'refused');
      assert.deepEqual([files.downloads, files.uploads], [[], []]);
    });

    it('follows a redirect on the same host, checked again, and none to another host, listed or not', async () => {
      const transfer = httpsFileTransfer({ hosts: listed });
      files.redirects.set('/moved.csv', '/guests.csv?tempauth=x');
      assert.match(Buffer.from(await transfer.download(files.downloadUrl('/moved.csv'), 1000)).toString(), /ann@tailspin\.com/);

      const elsewhere = [other.downloadUrl('/guests.csv'), 'https://169.254.169.254/latest/meta-data/', 'https://localhost:1/x', `http://${files.host}/guests.csv`, 'https://contoso-my.sharepoint.com/x'];
      for (const location of elsewhere) {
        files.redirects.set('/hop.csv', location);
        assert.equal(await refusal(transfer.download(files.downloadUrl('/hop.csv'), 1000)), 'redirected', location);
      }
      assert.deepEqual(other.downloads, [], 'the other host was never asked');

      files.redirects.set('/a', '/b');
      files.redirects.set('/b', '/c');
      files.redirects.set('/c', '/d');
      files.redirects.set('/d', '/guests.csv');
      assert.equal(await refusal(transfer.download(files.downloadUrl('/a'), 1000)), 'redirected', 'a chain of redirects');
    });

    it('never follows a redirected upload', async () => {
      files.redirects.set('/session/1', other.uploadUrl('/session/2'));
      assert.equal(await refusal(httpsFileTransfer({ hosts: listed }).upload(files.uploadUrl('/session/1'), Buffer.from('x'))), 'redirected');
      assert.deepEqual(other.uploads, []);
    });

    it('refuses a listed name that resolves to this machine or its network (DNS rebinding), before connecting', async () => {
      const port = Number(files.host.split(':')[1]);
      const hosts: FileHostPattern[] = [{ host: 'sharepoint.com', subdomains: true, port }];
      const answers: (string | LookupAddress[])[] = ['127.0.0.1', '169.254.169.254', [{ address: '52.108.0.1', family: 4 }, { address: '10.0.0.7', family: 4 }], '::1'];
      for (const answer of answers) {
        const lookup: LookupFunction = (_hostname, options, callback) => {
          const list = Array.isArray(answer) ? answer : [{ address: answer, family: answer.includes(':') ? 6 : 4 }];
          if (options.all) callback(null, list);
          else callback(null, list[0]!.address, list[0]!.family);
        };
        const transfer = httpsFileTransfer({ hosts, lookup });
        assert.equal(await refusal(transfer.download(`https://contoso-my.sharepoint.com:${port}/guests.csv`, 1000)), 'refused', JSON.stringify(answer));
        assert.equal(await refusal(transfer.upload(`https://contoso-my.sharepoint.com:${port}/session/1`, Buffer.from('x'))), 'refused');
      }
      assert.deepEqual([files.downloads, files.uploads], [[], []]);
    });

    describe('size and time', () => {
      let server: https.Server;
      let host: FileHostPattern[];
      let origin: string;
      let answer: (res: import('node:http').ServerResponse) => void;

      beforeEach(async () => {
        server = https.createServer(testServerTls(), (_req, res) => answer(res));
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        const { port } = server.address() as AddressInfo;
        host = [{ host: '127.0.0.1', subdomains: false, port }];
        origin = `https://127.0.0.1:${port}`;
      });
      afterEach(() => closeServer(server));

      it('stops reading past the limit when no length is announced', async () => {
        let sent = 0;
        answer = (res) => {
          res.writeHead(200, { 'Content-Type': 'text/csv' });
          const more = () => {
            while (sent < 10_000_000) {
              sent += 64 * 1024;
              if (!res.write(Buffer.alloc(64 * 1024, 'a'))) return res.once('drain', more);
            }
            res.end();
          };
          res.on('close', () => (sent = Infinity));
          more();
        };
        assert.equal(await refusal(httpsFileTransfer({ hosts: host }).download(`${origin}/big.csv`, 100_000)), 'tooLarge');
      });

      it('refuses an announced length over the limit without reading it, and a length that lies short', async () => {
        answer = (res) => {
          res.writeHead(200, { 'Content-Length': '200000' });
          res.end(Buffer.alloc(200_000, 'a'));
        };
        assert.equal(await refusal(httpsFileTransfer({ hosts: host }).download(`${origin}/big.csv`, 100_000)), 'tooLarge');
        answer = (res) => {
          // Claims little, sends more (the socket is written to directly, as a hostile server would).
          res.socket!.write('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n' + 'a'.repeat(200_000));
          res.socket!.end();
        };
        const body = await httpsFileTransfer({ hosts: host }).download(`${origin}/lying.csv`, 100_000).catch((error: unknown) => error);
        assert.ok(body instanceof FileTransferError || (body as Uint8Array).byteLength === 10, 'never more than announced');
      });

      it('gives up after its time bound, with a reason', async () => {
        answer = (res) => {
          res.writeHead(200);
          res.write('inviteeEmail\n');
          // …and never ends.
        };
        const error = await httpsFileTransfer({ hosts: host, timeoutMs: 300 }).download(`${origin}/slow.csv`, 100_000).catch((failure: unknown) => failure);
        assert.ok(error instanceof FileTransferError);
        assert.equal(error.reason, 'timedOut');
        assert.equal(error.timeoutSeconds, 1);
      });
    });
  });
});
