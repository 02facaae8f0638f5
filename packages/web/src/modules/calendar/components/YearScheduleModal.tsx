// One year's schedule typed from the State Council's notice: the days off and the weekend days worked.
// Saving replaces the whole year; the server checks every date lies in the year and appears once.
import { useEffect } from 'react';
import { App, Button, DatePicker, Flex, Form, Input, InputNumber, Modal, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { CALENDAR_MAX_YEAR, CALENDAR_MIN_YEAR } from '@bancheng/core';
import type { CalendarYearDetail, ScheduleDay } from '@bancheng/core';
import { useT } from '../../../i18n/index.tsx';
import { chinaYear, toIsoDate } from '../../../ui/dates.ts';
import { testId } from '../../../ui/testId.ts';
import { useApiError } from '../../../ui/useApiError.tsx';
import { usePutCalendarYear } from '../hooks/useCalendar.ts';

const NAME_MAX = 100;

interface DayValue {
  date?: Dayjs;
  name?: string;
}
interface Values {
  year: number;
  holidays: DayValue[];
  workdays: DayValue[];
}

const toValues = (days: readonly ScheduleDay[]): DayValue[] =>
  days.map((d) => ({ date: dayjs(d.date), name: d.name }));
const toDays = (values: DayValue[] | undefined): ScheduleDay[] =>
  (values ?? [])
    .filter((v): v is Required<DayValue> => Boolean(v.date))
    .map((v) => ({ date: toIsoDate(v.date), name: (v.name ?? '').trim() }));

function DayList({ list, label }: { list: 'holidays' | 'workdays'; label: string }) {
  const t = useT();
  const required = { required: true, message: t('common.required') };
  return (
    <Form.List name={list}>
      {(fields, { add, remove }) => (
        <Flex vertical gap={4}>
          <Typography.Text strong>{label}</Typography.Text>
          {fields.map((field) => (
            <Flex key={field.key} gap={8} align="start" wrap>
              <Form.Item name={[field.name, 'date']} rules={[required]} style={{ marginBottom: 8 }}>
                <DatePicker aria-label={t('calendar.date')} {...testId(`${list}-date-${field.name}`)} />
              </Form.Item>
              <Form.Item
                name={[field.name, 'name']}
                rules={[required, { max: NAME_MAX, message: t('common.tooLong', { max: NAME_MAX }) }]}
                style={{ marginBottom: 8, flex: '1 1 160px' }}
              >
                <Input
                  placeholder={t('calendar.namePlaceholder')}
                  count={{ show: true, max: NAME_MAX }}
                  {...testId(`${list}-name-${field.name}`)}
                />
              </Form.Item>
              <Button
                icon={<DeleteOutlined />}
                aria-label={t('calendar.removeDay')}
                onClick={() => remove(field.name)}
              />
            </Flex>
          ))}
          <Button icon={<PlusOutlined />} onClick={() => add({})} {...testId(`${list}-add`)}>
            {t('calendar.addDay')}
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}

export function YearScheduleModal({
  open,
  year,
  current,
  onClose,
}: {
  open: boolean;
  /** The year to set; null lets the administrator choose. */
  year: number | null;
  /** The year as loaded now, to start from; absent for a new year. */
  current?: CalendarYearDetail | undefined;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const showError = useApiError();
  const put = usePutCalendarYear();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({
      year: year ?? chinaYear() + 1,
      holidays: current ? toValues(current.holidays) : [{}],
      workdays: current ? toValues(current.workdays) : [],
    });
  }, [open, year, current, form]);

  const onFinish = (values: Values) => {
    put.mutate(
      { year: values.year, body: { holidays: toDays(values.holidays), workdays: toDays(values.workdays) } },
      {
        onSuccess: (saved) => {
          message.success(t('calendar.saved', { year: saved.year }));
          onClose();
        },
        onError: (e) => showError(e, form, t('calendar.formTitle')),
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t('calendar.formTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('calendar.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: put.isPending, ...testId('calendar-form-submit') }}
      width={640}
      forceRender
    >
      <Typography.Paragraph type="secondary">{t('calendar.formHint')}</Typography.Paragraph>
      <Form form={form} name="calendarYear" layout="vertical" onFinish={onFinish}>
        <Form.Item
          label={t('calendar.year')}
          name="year"
          rules={[{ required: true, message: t('common.required') }]}
        >
          <InputNumber
            min={CALENDAR_MIN_YEAR}
            max={CALENDAR_MAX_YEAR}
            precision={0}
            disabled={year !== null}
            {...testId('calendar-form-year')}
          />
        </Form.Item>
        <Flex vertical gap={16}>
          <DayList list="holidays" label={t('calendar.holidays')} />
          <DayList list="workdays" label={t('calendar.workdays')} />
        </Flex>
      </Form>
    </Modal>
  );
}
