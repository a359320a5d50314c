import { App as AntApp } from 'antd';
import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker } from 'react-router';
import { anyFormUnsaved, registerOpenForm } from './unsavedForms';

/**
 * While `isUnsaved()` says so, leaving the page asks first: another page (the menu, 返回, the
 * browser's back), a reload or closing the window (the browser's own question), and 退出登录
 * (`useConfirmSignOut`). Whatever is answered, the draft stays: it is cleared only by 保存 or
 * 放弃草稿. `isUnsaved` is read at the moment of leaving, so a form that has just saved can
 * navigate away at once.
 */
export function useLeaveGuard(isUnsaved: () => boolean): void {
  const { t } = useTranslation();
  const { modal } = AntApp.useApp();
  const check = useRef(isUnsaved);
  useEffect(() => {
    check.current = isUnsaved;
  }, [isUnsaved]);

  const blocker = useBlocker(({ currentLocation, nextLocation }) => currentLocation.pathname !== nextLocation.pathname && check.current());
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    const dialog = modal.confirm({
      title: t('drafts.leave.title'),
      content: t('drafts.leave.content'),
      okText: t('drafts.leave.ok'),
      cancelText: t('drafts.leave.stay'),
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    });
    return () => dialog.destroy();
  }, [blocker, modal, t]);

  useEffect(() => {
    const askFirst = (event: BeforeUnloadEvent) => {
      if (check.current()) event.preventDefault();
    };
    window.addEventListener('beforeunload', askFirst);
    const unregister = registerOpenForm(() => check.current());
    return () => {
      window.removeEventListener('beforeunload', askFirst);
      unregister();
    };
  }, []);
}

/** 退出登录, after asking when a form holds unsaved changes (they stay as a sealed draft). */
export function useConfirmSignOut(signOut: () => void): () => void {
  const { t } = useTranslation();
  const { modal } = AntApp.useApp();
  return useCallback(() => {
    if (!anyFormUnsaved()) return signOut();
    modal.confirm({
      title: t('drafts.leave.signOutTitle'),
      content: t('drafts.leave.signOutContent'),
      okText: t('drafts.leave.signOutOk'),
      cancelText: t('drafts.leave.stay'),
      onOk: signOut,
    });
  }, [modal, signOut, t]);
}
