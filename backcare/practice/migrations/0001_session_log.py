# The session log (PracticeSession), with its pain-range and consistency checks in the database.

import uuid

from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
    ]

    operations = [
        migrations.CreateModel(
            name='PracticeSession',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('device', models.CharField(max_length=64)),
                ('routine', models.SlugField(max_length=120)),
                ('plan', models.CharField(blank=True, default='', help_text='the profile as a query string; blank for the plain routine', max_length=500)),
                ('started_at', models.DateTimeField()),
                ('ended_at', models.DateTimeField()),
                ('pain_before', models.PositiveSmallIntegerField()),
                ('pain_after', models.PositiveSmallIntegerField(blank=True, null=True)),
                ('feeling', models.CharField(blank=True, choices=[('better', 'Better'), ('same', 'About the same'), ('worse', 'Worse'), ('', 'Not said')], default='', max_length=6)),
                ('steps_done', models.PositiveIntegerField()),
                ('steps_total', models.PositiveIntegerField()),
                ('stopped_for_pain', models.BooleanField(default=False)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
            ],
            options={
                'ordering': ('-started_at', '-created_at'),
                'indexes': [models.Index(fields=['device', '-started_at'], name='practice_device_recent')],
                'constraints': [models.CheckConstraint(condition=models.Q(('pain_before__gte', 0), ('pain_before__lte', 10)), name='practice_pain_before_0_10'), models.CheckConstraint(condition=models.Q(('pain_after__isnull', True), models.Q(('pain_after__gte', 0), ('pain_after__lte', 10)), _connector='OR'), name='practice_pain_after_0_10'), models.CheckConstraint(condition=models.Q(('steps_done__lte', models.F('steps_total'))), name='practice_steps_done_within_total'), models.CheckConstraint(condition=models.Q(('ended_at__gte', models.F('started_at'))), name='practice_ends_after_start'), models.CheckConstraint(condition=models.Q(('feeling__in', ['better', 'same', 'worse', ''])), name='practice_feeling_known')],
            },
        ),
    ]
