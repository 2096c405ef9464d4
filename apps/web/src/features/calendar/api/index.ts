import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';

/** one day of the working-day calendar. */
export interface CalendarDayView {
  date: string;
  working: boolean;
  name: string | null;
  source: 'holiday' | 'makeup' | 'weekend' | 'weekday' | 'office';
}

export interface CalendarYear {
  year: number;
  baseCovered: boolean;
  workingDays: number;
  officeDays: number;
  days: CalendarDayView[];
}

export const calendarKeys = {
  all: ['calendar'] as const,
  year: (y: number) => [...calendarKeys.all, y] as const,
};

export function useCalendarYear(year: number) {
  return useQuery({ queryKey: calendarKeys.year(year), queryFn: () => api.get<CalendarYear>(`/calendar/${year}`) });
}

export function useSetCalendarDay() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { date: string; working: boolean; name?: string | null }) => api.put<CalendarDayView>(`/calendar/days/${v.date}`, { working: v.working, name: v.name ?? null }),
    onSuccess: () => qc.invalidateQueries({ queryKey: calendarKeys.all }),
  });
}

export function useClearCalendarDay() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (date: string) => api.delete<CalendarDayView>(`/calendar/days/${date}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: calendarKeys.all }),
  });
}
