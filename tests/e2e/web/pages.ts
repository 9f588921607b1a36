/**
 * What each person does on the pages, by clicking and typing as they would: found by the labels
 * and names they read (Vietnamese), never by CSS classes. Shared by the whole-year test.
 */
import { expect } from '@jest/globals';
import type { Browser, Locator, Page, ViewportSize } from 'playwright-core';
import { PASSWORD } from './web-server.js';
import type { Person } from './year.js';

export const TIMEOUT = 15_000;

/** Waits until the locator is visible. */
export async function visible(locator: Locator): Promise<Locator> {
  await locator.first().waitFor({ state: 'visible', timeout: TIMEOUT });
  return locator.first();
}

export async function signIn(
  page: Page,
  baseUrl: string,
  username: string,
  password: string,
  name: string,
): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await (await visible(page.getByLabel('Tên đăng nhập'))).fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await visible(page.getByTestId('signed-in-name').filter({ hasText: name }));
}

export interface AsPersonOptions {
  viewport: ViewportSize;
  acceptDownloads?: boolean;
  /** Told of the page when `work` fails, before its context closes (a screenshot). */
  onFailure?: (page: Page) => Promise<unknown>;
}

/**
 * `who` signed in on a fresh browser context (Vietnamese, Vietnam's time zone) at `baseUrl`, on
 * `path` once its heading shows, doing `work`; an error the page raises fails the test.
 */
export async function asPerson<T>(
  browser: Browser,
  baseUrl: string,
  who: Person,
  path: string,
  work: (page: Page) => Promise<T>,
  options: AsPersonOptions,
): Promise<T> {
  const context = await browser.newContext({
    viewport: options.viewport,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    acceptDownloads: options.acceptDownloads ?? false,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await signIn(page, baseUrl, who.username, PASSWORD, who.name);
    await page.goto(`${baseUrl}${path}`);
    await visible(page.getByRole('heading', { level: 2 }));
    return await work(page);
  } catch (error) {
    await options.onFailure?.(page).catch(() => undefined);
    throw error;
  } finally {
    await context.close();
    expect(errors).toEqual([]);
  }
}

/** An Ant Design select: open it, take the option with that text from its own list, check it was taken. */
export async function choose(page: Page, label: string | RegExp, option: string): Promise<void> {
  const input = page.getByLabel(label, { exact: typeof label === 'string' ? true : undefined });
  const id = await (await visible(input)).getAttribute('id');
  const select = input.locator('xpath=ancestor::div[contains(concat(" ", @class, " "), " ant-select ")][1]');
  const item = page
    .locator(`.ant-select-dropdown:has([id="${id}_list"]) .ant-select-item-option`)
    .filter({ hasText: option });
  for (let attempt = 0; attempt < 5; attempt += 1) {
    // The list opens with an animation and closes on a second click: start from a closed list, and
    // give one click a few seconds before opening it again (a slow machine can miss one).
    if (attempt > 0) await input.press('Escape');
    const taken = await input
      .click({ timeout: 5_000 })
      .then(() => visible(item))
      .then((found) => found.click({ timeout: 5_000 }))
      .then(() => true)
      .catch(() => false);
    if (taken && (await select.innerText()).includes(option)) return;
  }
  throw new Error(`could not choose ${option} in ${String(label)}`);
}

/**
 * An Ant Design date picker: type the date as officials write it (dd/mm/yyyy), leave with Tab (Enter would submit the
 * form).
 */
export async function typeDate(page: Page, label: string, value: string): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(value);
  await input.press('Tab');
  await expect(await input.inputValue()).toBe(value);
}

/** A number the Vietnamese way (decimal comma). */
export async function typeNumber(page: Page, label: string, value: number): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  await input.fill(String(value).replace('.', ','));
  await input.press('Tab');
}

export async function clickButton(scope: Page | Locator, name: string | RegExp, exact = true): Promise<void> {
  const button = scope.getByRole('button', { name, exact: typeof name === 'string' ? exact : undefined });
  await (await visible(button)).click();
}

/** Confirms the open dialog (fills its fields first). */
export async function confirmDialog(page: Page, fields: Record<string, string> = {}): Promise<void> {
  // The newest dialog: a confirmation may open over a drawer.
  const dialog = page.getByRole('dialog').last();
  await dialog.waitFor({ state: 'visible', timeout: TIMEOUT });
  for (const [label, value] of Object.entries(fields)) await dialog.getByLabel(label).fill(value);
  await dialog.getByRole('button', { name: 'Xác nhận' }).click();
  await dialog.waitFor({ state: 'hidden', timeout: TIMEOUT });
}
